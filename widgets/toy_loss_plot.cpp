#include "toy_loss_plot.h"

#include "plot_interaction.h"
#include "plot_style.h"

#include <algorithm>

ToyLossPlot::ToyLossPlot(QWidget* parent) : QCustomPlot(parent)
{
    plotstyle::addTitle(this, tr("AdaRound's loss terms and β"));
    xAxis->setLabel(tr("Iteration"));
    yAxis->setLabel(tr("Loss"));
    yAxis2->setVisible(true);
    yAxis2->setLabel(tr("β"));
    rec_ = addGraph();
    rec_->setName(tr("Reconstruction Δwᵀ H Δw"));
    rec_->setPen(QPen(plotstyle::seriesColor(0), 1));
    reg_ = addGraph();
    reg_->setName(tr("Rounding loss λ Σ (1 − |2h − 1|^β)"));
    reg_->setPen(QPen(plotstyle::seriesColor(1), 1, Qt::DashLine));
    beta_ = addGraph(xAxis, yAxis2);
    beta_->setName(tr("β (right axis)"));
    beta_->setPen(QPen(Qt::gray, 1));
    warmup_ = new QCPItemRect(this);
    warmup_->setPen(Qt::NoPen);
    warmup_->setBrush(QColor(0, 0, 0, 18));
    warmup_->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
    warmup_->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
    warmupLabel_ = new QCPItemText(this);
    warmupLabel_->setText(tr("warm-up: no rounding loss"));
    warmupLabel_->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    warmupLabel_->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    warmupLabel_->setColor(Qt::darkGray);
    plotstyle::legendBelow(this, 3);
    setMinimumSize(420, 200);
    PlotInteraction::install(this);
    clearRun();
}

void ToyLossPlot::setRun(const adaround::teaching::ToyResult& run, const adaround::teaching::ToySettings& settings)
{
    run_ = run;
    const double warmupEnd = int(settings.warmup * settings.iterations);
    warmup_->topLeft->setCoords(0, 0);
    warmup_->bottomRight->setCoords(warmupEnd, 1);
    warmupLabel_->position->setCoords(0, 0.55); // below β's line, above rec's (0 in the warm-up)
    warmup_->setVisible(warmupEnd > 0);
    warmupLabel_->setVisible(warmupEnd > 0);
    xAxis->setRange(0, settings.iterations);
    double top = 0;
    for (const auto& step : run.path)
        top = std::max({top, step.rec, step.reg});
    yAxis->setRange(0, std::max(1e-6, top * 1.1));
    yAxis2->setRange(0, settings.betaStart * 1.1);
    setFrame(0);
}

void ToyLossPlot::setFrame(int frame)
{
    QVector<double> it, rec, reg, beta;
    const int last = std::min<int>(frame, int(run_.path.size()) - 1);
    for (int i = 0; i <= last; ++i) {
        const auto& s = run_.path[size_t(i)];
        it << s.iteration;
        rec << s.rec;
        reg << s.reg;
        beta << s.beta;
    }
    rec_->setData(it, rec, true);
    reg_->setData(it, reg, true);
    beta_->setData(it, beta, true);
    replot(rpQueuedReplot);
}

void ToyLossPlot::clearRun()
{
    run_ = {};
    setFrame(-1);
    warmup_->setVisible(false);
    warmupLabel_->setVisible(false);
}

int ToyLossPlot::shownPoints() const
{
    return rec_->dataCount();
}
