#include "study_histogram_plot.h"

#include "plot_interaction.h"
#include "plot_style.h"

#include <algorithm>
#include <cmath>

StudyHistogramPlot::StudyHistogramPlot(QWidget* parent) : QCustomPlot(parent)
{
    title_ = plotstyle::addTitle(this, tr("Top-1 of random roundings"));
    xAxis->setLabel(tr("Top-1 accuracy (%)"));
    yAxis->setLabel(tr("Roundings (count)"));
    QSharedPointer<QCPAxisTickerFixed> whole(new QCPAxisTickerFixed);
    whole->setTickStep(1);
    whole->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    yAxis->setTicker(whole);
    bars_ = new QCPBars(xAxis, yAxis);
    bars_->setName(tr("stochastic roundings"));
    bars_->setPen(QPen(plotstyle::seriesColor(1).darker(130)));
    bars_->setBrush(plotstyle::seriesColor(1).lighter(130));
    nearest_ = addGraph();
    nearest_->setName(tr("round-to-nearest"));
    nearest_->setPen(QPen(plotstyle::seriesColor(4), 2.0, Qt::DashLine));
    adaround_ = addGraph();
    adaround_->setName(tr("AdaRound"));
    adaround_->setPen(QPen(plotstyle::seriesColor(0), 2.0));
    plotstyle::legendBelow(this, 3);
    setMinimumSize(360, 240);
    auto* interaction = PlotInteraction::install(this);
    interaction->setKeyText([](const QCPAbstractPlottable*, double key) { return tr("top-1 %1%").arg(key, 0, 'f', 2); });
    interaction->setValueText([](const QCPAbstractPlottable*, double v) { return QString::number(v, 'f', 0); });
}

QString StudyHistogramPlot::titleText() const
{
    return title_->text();
}

void StudyHistogramPlot::setRecord(const adaround::StudyRecord& r)
{
    const auto& samples = r.samples;
    std::vector<double> tops;
    for (const auto& s : samples)
        tops.push_back(s.point.top1);
    std::vector<double> marks = tops;
    if (r.baseline)
        marks.push_back(r.baseline->rtn.top1);
    if (r.adaround)
        marks.push_back(r.adaround->point.top1);
    bars_->data()->clear();
    nearest_->data()->clear();
    adaround_->data()->clear();
    if (marks.empty()) {
        title_->setText(tr("Top-1 of random roundings: none measured yet"));
        replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    // Bins over the samples and both references: about 2 sqrt(N), 5 to 30 of them.
    const double lo = *std::min_element(marks.begin(), marks.end());
    const double hi = *std::max_element(marks.begin(), marks.end());
    const int bins = std::clamp(int(2 * std::sqrt(double(tops.size()))), 5, 30);
    const double width = hi > lo ? (hi - lo) / bins : 0.5;
    std::vector<double> counts(size_t(bins), 0.0), keys;
    for (double t : tops)
        counts[size_t(std::clamp(int((t - lo) / width), 0, bins - 1))] += 1;
    for (int b = 0; b < bins; ++b)
        keys.push_back(lo + (b + 0.5) * width);
    bars_->setWidth(width * 0.95);
    bars_->setData(QVector<double>(keys.begin(), keys.end()), QVector<double>(counts.begin(), counts.end()), true);
    const double top = std::max(1.0, *std::max_element(counts.begin(), counts.end())) * 1.15;
    if (r.baseline)
        nearest_->setData({r.baseline->rtn.top1, r.baseline->rtn.top1}, {0, top});
    if (r.adaround)
        adaround_->setData({r.adaround->point.top1, r.adaround->point.top1}, {0, top});
    adaround_->removeFromLegend();
    if (r.adaround)
        adaround_->addToLegend();
    xAxis->setRange(lo - width, hi + width);
    yAxis->setRange(0, top);

    const auto& s = r.started.settings;
    if (r.baseline && !samples.empty()) {
        const adaround::StudyStatistics st = adaround::studyStatistics(r.baseline->rtn, samples);
        title_->setText(tr("%1 at %2 bits: %3% of %4 random roundings beat nearest")
                            .arg(QString::fromStdString(s.layer))
                            .arg(s.bits)
                            .arg(100 * st.betterThanRtn, 0, 'f', 0)
                            .arg(samples.size()));
    } else {
        title_->setText(tr("Random roundings of %1 at %2 bits").arg(QString::fromStdString(s.layer)).arg(s.bits));
    }
    replot(QCustomPlot::rpQueuedReplot);
}
