#include "sweep_knob_plot.h"

#include "plot_interaction.h"
#include "plot_style.h"
#include "sweep_results.h"

#include <algorithm>
#include <cmath>

namespace {

QColor lineColor(int i) // the palette without its near-black
{
    static const int series[] = {0, 1, 3, 4};
    return i < 4 ? plotstyle::seriesColor(series[i]) : plotstyle::comparisonColor(i - 4);
}

} // namespace

SweepKnobPlot::SweepKnobPlot(QWidget* parent) : QCustomPlot(parent)
{
    title_ = plotstyle::addTitle(this, tr("AdaRound top-1 against a swept setting"));
    yAxis->setLabel(tr("AdaRound top-1 (%), mean ± std over seeds"));
    plotstyle::legendBelow(this, 2);
    setMinimumSize(360, 240);
    auto* interaction = PlotInteraction::install(this, Qt::Horizontal | Qt::Vertical);
    interaction->setValueText([](const QCPAbstractPlottable*, double v) { return tr("top-1 %1%").arg(v, 0, 'f', 2); });
}

QString SweepKnobPlot::titleText() const
{
    return title_->text();
}

QCPErrorBars* SweepKnobPlot::errorBars(int line) const
{
    return bars_.value(line);
}

void SweepKnobPlot::setReport(const adaround::Json& report, const QString& key)
{
    clearPlottables();
    bars_.clear();
    const auto knobs = sweepresults::knobs(report);
    const sweepresults::Knob* knob = sweepresults::findKnob(knobs, key);
    xAxis->setLabel(sweepresults::axisLabel(key));
    if (!knob) {
        title_->setText(tr("AdaRound top-1 against a swept setting (none chosen)"));
        replot(rpQueuedReplot);
        return;
    }
    if (knob->numeric) {
        xAxis->setScaleType(knob->logScale ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
        const bool whole = std::all_of(knob->numbers.begin(), knob->numbers.end(),
                                       [](double v) { return v == std::round(v); });
        if (knob->logScale) { // a tick at each swept value: a log ticker labels only the decades
            QSharedPointer<QCPAxisTickerText> values(new QCPAxisTickerText);
            for (int i = 0; i < knob->values.size() && i < int(knob->numbers.size()); ++i)
                values->addTick(knob->numbers[size_t(i)], knob->values[i]);
            xAxis->setTicker(values);
        } else if (whole) { // bits, iterations: no ticks between whole numbers
            QSharedPointer<QCPAxisTickerFixed> step(new QCPAxisTickerFixed);
            step->setTickStep(1);
            step->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
            xAxis->setTicker(step);
        } else {
            xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        }
    } else {
        xAxis->setScaleType(QCPAxis::stLinear);
        QSharedPointer<QCPAxisTickerText> names(new QCPAxisTickerText);
        for (int i = 0; i < knob->values.size(); ++i)
            names->addTick(i, knob->values[i]);
        xAxis->setTicker(names);
    }
    const auto lines = sweepresults::top1AgainstKnob(report, *knob);
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < lines.size(); ++i) {
        const auto& s = lines[i];
        const QColor color = lineColor(int(i));
        QCPGraph* g = addGraph();
        g->setName(s.label.isEmpty() ? tr("AdaRound") : s.label);
        g->setPen(QPen(color, 1.8));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, color, color, 7));
        g->setData(QVector<double>(s.x.begin(), s.x.end()), QVector<double>(s.mean.begin(), s.mean.end()), true);
        auto* bars = new QCPErrorBars(xAxis, yAxis);
        bars->removeFromLegend();
        bars->setDataPlottable(g);
        bars->setData(QVector<double>(s.std.begin(), s.std.end()));
        bars->setPen(QPen(color, 1.4));
        bars->setWhiskerWidth(10);
        bars_ << bars;
        for (size_t k = 0; k < s.mean.size(); ++k) {
            lo = std::min(lo, s.mean[k] - s.std[k]);
            hi = std::max(hi, s.mean[k] + s.std[k]);
        }
    }
    legend->setVisible(lines.size() > 1);
    const int seeds = sweepresults::seedsPerGroup(report);
    title_->setText(lines.empty() ? tr("AdaRound top-1 against %1: no point completed yet").arg(key)
                                  : (seeds == 1 ? tr("AdaRound top-1 against %1 (one seed)").arg(key)
                                               : tr("AdaRound top-1 against %1 (mean ± std over %2 seeds)").arg(key).arg(seeds)));
    if (knob->numeric) {
        const double a = knob->numbers.front(), b = knob->numbers.back();
        if (knob->logScale)
            xAxis->setRange(a / 1.4, b * 1.4);
        else {
            const double pad = a == b ? std::max(std::abs(a) * 0.1, 1.0) : (b - a) * 0.06;
            xAxis->setRange(a - pad, b + pad);
        }
    } else {
        xAxis->setRange(-0.5, knob->values.size() - 0.5);
    }
    if (std::isfinite(lo))
        yAxis->setRange(lo - std::max((hi - lo) * 0.15, 0.25), hi + std::max((hi - lo) * 0.15, 0.25));
    replot(rpQueuedReplot);
}
