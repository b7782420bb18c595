#include "ablation_chart.h"

#include "plot_interaction.h"
#include "plot_style.h"

#include <algorithm>
#include <cmath>

AblationChart::AblationChart(QWidget* parent) : QCustomPlot(parent)
{
    title_ = plotstyle::addTitle(this, tr("Design choices: top-1"));
    xAxis->setLabel(tr("Variant (one design choice changed)"));
    yAxis->setLabel(tr("Top-1 accuracy (%)"));
    defaultBar_ = new QCPBars(xAxis, yAxis);
    defaultBar_->setName(tr("the paper's choices (mean)"));
    defaultBar_->setBrush(plotstyle::seriesColor(0));
    defaultBar_->setPen(QPen(plotstyle::seriesColor(0).darker(130)));
    bars_ = new QCPBars(xAxis, yAxis);
    bars_->setName(tr("one choice changed (mean)"));
    bars_->setBrush(QColor(170, 170, 170));
    bars_->setPen(QPen(QColor(110, 110, 110)));
    errors_ = new QCPErrorBars(xAxis, yAxis);
    errors_->setName(tr("± 1 std over seeds"));
    errors_->setPen(QPen(Qt::black, 1.5));
    seeds_ = addGraph();
    seeds_->setName(tr("each seed"));
    seeds_->setLineStyle(QCPGraph::lsNone);
    seeds_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, Qt::black, Qt::white, 5));
    rtn_ = addGraph();
    rtn_->setName(tr("round-to-nearest"));
    rtn_->setPen(QPen(plotstyle::seriesColor(4), 2.0, Qt::DashLine));
    plotstyle::legendBelow(this, 3);
    setMinimumSize(420, 300);
    PlotInteraction::install(this, Qt::Vertical);
}

QString AblationChart::titleText() const
{
    return title_->text();
}

void AblationChart::setResult(const adaround::AblationResult& result)
{
    bars_->data()->clear();
    defaultBar_->data()->clear();
    seeds_->data()->clear();
    rtn_->data()->clear();
    QVector<double> keys, values, errors;
    QSharedPointer<QCPAxisTickerText> ticks(new QCPAxisTickerText);
    // The axis spans the variants; round-to-nearest is often far below them.
    double lo = 100, hi = 0;
    for (const adaround::AblationRow& row : result.rows)
        if (!row.variant.isRtn)
            for (double t : row.top1) {
                lo = std::min(lo, t);
                hi = std::max(hi, t);
            }
    const double spread = std::max(1.0, hi - lo);
    // Bars rise from a floor a little under the lowest figure (the differences are
    // tenths of a point); QCPBars draws a bar from its base value to base + value.
    const double floor = lo > hi ? 0.0 : std::max(0.0, std::floor(lo - 0.3 * spread));
    const double top = lo > hi ? 100.0 : std::min(100.0, hi + 0.25 * spread);
    double x = 0;
    double rtn = -1;
    for (const adaround::AblationRow& row : result.rows) {
        if (row.top1.empty())
            continue;
        if (row.variant.isRtn) {
            rtn = row.mean();
            continue;
        }
        x += 1;
        (row.variant.name == "default" ? defaultBar_ : bars_)->addData(x, row.mean() - floor);
        keys << x;
        values << row.mean();
        errors << row.std();
        for (double t : row.top1)
            seeds_->addData(x, t);
        QString label = QString::fromStdString(row.variant.name).replace(QLatin1Char('='), QStringLiteral("=\n"));
        if (!label.contains(QLatin1Char('\n')) && label.size() > 12) // "sigmoid-temperature" beside its neighbours
            label.replace(QLatin1Char('-'), QStringLiteral("-\n"));
        ticks->addTick(x, label);
    }
    // The error bars need a data plottable of their own: an invisible graph at the means.
    QCPGraph* means = nullptr;
    for (int i = 0; i < graphCount(); ++i)
        if (graph(i)->name() == QLatin1String("means"))
            means = graph(i);
    if (!means) {
        means = addGraph();
        means->setName(QStringLiteral("means"));
        means->setLineStyle(QCPGraph::lsNone);
        means->removeFromLegend();
    }
    means->setData(keys, values);
    errors_->setDataPlottable(means);
    errors_->setData(errors);
    if (rtn >= 0) {
        const bool shown = rtn >= floor && rtn <= top;
        if (shown) {
            rtn_->addData(0.4, rtn);
            rtn_->addData(x + 0.6, rtn);
        }
        rtn_->setName(shown ? tr("round-to-nearest (%1 %)").arg(rtn, 0, 'f', 2)
                            : tr("round-to-nearest: %1 %, below the axis").arg(rtn, 0, 'f', 2));
    } else {
        rtn_->setName(tr("round-to-nearest"));
    }
    xAxis->setTicker(ticks);
    xAxis->setRange(0.4, x + 0.6);
    bars_->setBaseValue(floor);
    defaultBar_->setBaseValue(floor);
    yAxis->setRange(floor, top);
    const size_t n = result.seeds.size();
    title_->setText(n == 0   ? tr("Design choices: top-1")
                    : n == 1 ? tr("Design choices: top-1, one seed")
                             : tr("Design choices: top-1, mean ± std over %1 seeds").arg(n));
    replot(QCustomPlot::rpQueuedReplot);
}
