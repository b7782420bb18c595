#include "study_view.h"

#include "study_histogram_plot.h"
#include "study_scatter_plot.h"

#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

#include <cmath>

namespace {

// For a student: what the two plots show, with the rounding rule and the loss.
QString explanationText()
{
    return QObject::tr(
        "<b>Is rounding to nearest the best rounding?</b> Every weight <i>w</i> of one layer lies between two "
        "points of its grid (step <i>s</i>); nearest takes the closer one. Here each weight is rounded "
        "<b>up with probability p = w/s &minus; &lfloor;w/s&rfloor;</b> (its fractional position) and down "
        "otherwise, many times over, every other layer kept in FP32. If nearest were optimal, no random rounding "
        "would beat it; Nagel et al. (2020) found that nearly half of 100 such roundings of ResNet-18's first "
        "layer at 4 bits did. <b>Left:</b> the roundings' top-1, nearest and AdaRound marked. <b>Right:</b> each "
        "rounding's top-1 against its layer-output error <i>E</i>&#8214;f(Wx) &minus; f(W&#771;x)&#8214;&sup2; "
        "(rec MSE): where the layer's output is reconstructed better, accuracy is higher, so minimising this "
        "local loss, as AdaRound does, is a good proxy for the task loss.");
}

} // namespace

StudyView::StudyView(QWidget* parent) : QWidget(parent)
{
    explanation_ = new QLabel(explanationText(), this);
    explanation_->setWordWrap(true);
    explanation_->setTextFormat(Qt::RichText);
    summary_ = new QLabel(this);
    summary_->setWordWrap(true);
    histogram_ = new StudyHistogramPlot(this);
    scatter_ = new StudyScatterPlot(this);
    auto* plots = new QSplitter(Qt::Horizontal, this);
    plots->addWidget(histogram_);
    plots->addWidget(scatter_);
    plots->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(explanation_);
    layout->addWidget(summary_);
    layout->addWidget(plots, 1);
    setRecord({});
}

QString StudyView::summaryText() const
{
    return summary_->text();
}

void StudyView::setRecord(const adaround::StudyRecord& r)
{
    histogram_->setRecord(r);
    scatter_->setRecord(r);
    if (!r.hasStarted || !r.baseline) {
        summary_->setText(r.end == adaround::RunEnd::Failed ? tr("Failed: %1").arg(QString::fromStdString(r.error))
                                                            : tr("No study yet: choose a layer and start one."));
        return;
    }
    QString text = tr("%1 at %2 bits; top-1 on %3 images. FP32 %4%, nearest %5%")
                       .arg(QString::fromStdString(r.started.settings.layer))
                       .arg(r.started.settings.bits)
                       .arg(r.started.evalImages)
                       .arg(r.baseline->fp32Top1, 0, 'f', 2)
                       .arg(r.baseline->rtn.top1, 0, 'f', 2);
    if (r.adaround)
        text += tr(", AdaRound %1%").arg(r.adaround->point.top1, 0, 'f', 2);
    if (!r.samples.empty()) {
        const auto st = adaround::studyStatistics(r.baseline->rtn, r.samples);
        text += tr(". %1 of %2 random roundings beat nearest; best %3%, mean %4%.")
                    .arg(int(std::lround(st.betterThanRtn * st.samples)))
                    .arg(st.samples)
                    .arg(st.bestTop1, 0, 'f', 2)
                    .arg(st.meanTop1, 0, 'f', 2);
    }
    if (r.end == adaround::RunEnd::Cancelled)
        text += tr(" (cancelled)");
    summary_->setText(text);
}
