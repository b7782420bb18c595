#include "sweep_heat_map.h"

#include "plot_interaction.h"
#include "plot_style.h"
#include "sweep_results.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace {

QSharedPointer<QCPAxisTickerText> namedTicks(const QStringList& values)
{
    QSharedPointer<QCPAxisTickerText> t(new QCPAxisTickerText);
    for (int i = 0; i < values.size(); ++i)
        t->addTick(i, values[i]);
    return t;
}

} // namespace

SweepHeatMap::SweepHeatMap(QWidget* parent) : QCustomPlot(parent)
{
    title_ = plotstyle::addTitle(this, QString());
    scale_ = plotstyle::addColorScaleBeside(this, tr("AdaRound top-1 (%)"));

    map_ = new QCPColorMap(xAxis, yAxis);
    map_->setName(tr("Mean AdaRound top-1"));
    map_->setInterpolate(false);
    map_->setTightBoundary(false);
    map_->setColorScale(scale_);
    map_->setGradient(plotstyle::viridis()); // cells with no completed point yet: transparent
    legend->setVisible(false); // the colour scale is this plot's legend
    xAxis->grid()->setVisible(false);
    yAxis->grid()->setVisible(false);
    setMinimumSize(360, 240);
    auto* interaction = PlotInteraction::install(this, {});
    interaction->setValueText([](const QCPAbstractPlottable*, double v) { return tr("top-1 %1%").arg(v, 0, 'f', 2); });
    setReport(adaround::Json::object(), {}, {});
}

QString SweepHeatMap::titleText() const
{
    return title_->text();
}

QString SweepHeatMap::cellText(int ix, int iy) const
{
    const int i = iy * nx_ + ix;
    return ix >= 0 && ix < nx_ && i >= 0 && i < labels_.size() ? labels_[i]->text() : QString();
}

void SweepHeatMap::clearCells()
{
    for (QCPItemText* t : labels_)
        removeItem(t);
    labels_.clear();
    nx_ = 0;
}

void SweepHeatMap::setReport(const adaround::Json& report, const QString& xKey, const QString& yKey)
{
    clearCells();
    const auto knobs = sweepresults::knobs(report);
    const sweepresults::Knob* x = sweepresults::findKnob(knobs, xKey);
    const sweepresults::Knob* y = sweepresults::findKnob(knobs, yKey);
    if (!x || !y || x == y) {
        map_->data()->clear();
        map_->setVisible(false);
        xAxis->setLabel(QString());
        yAxis->setLabel(QString());
        title_->setText(knobs.size() < 2 ? tr("Heat map: the sweep varies fewer than two settings")
                                         : tr("Heat map: choose two different settings"));
        replot(rpQueuedReplot);
        return;
    }
    const sweepresults::Grid grid = sweepresults::top1Grid(report, *x, *y);
    nx_ = grid.nx;
    map_->setVisible(true);
    map_->data()->setSize(grid.nx, grid.ny);
    map_->data()->setRange(QCPRange(0, grid.nx - 1), QCPRange(0, grid.ny - 1));
    xAxis->setTicker(namedTicks(x->values));
    yAxis->setTicker(namedTicks(y->values));
    xAxis->setLabel(sweepresults::axisLabel(xKey));
    yAxis->setLabel(sweepresults::axisLabel(yKey));
    xAxis->setRange(-0.5, grid.nx - 0.5);
    yAxis->setRange(-0.5, grid.ny - 0.5);
    double lo = INFINITY, hi = -INFINITY;
    for (double v : grid.cells)
        if (std::isfinite(v))
            lo = std::min(lo, v), hi = std::max(hi, v);
    const QLocale locale;
    for (int iy = 0; iy < grid.ny; ++iy)
        for (int ix = 0; ix < grid.nx; ++ix) {
            const double v = grid.at(ix, iy);
            map_->data()->setCell(ix, iy, v);
            auto* label = new QCPItemText(this);
            label->position->setCoords(ix, iy);
            label->setText(std::isfinite(v) ? locale.toString(v, 'f', 2) : QString());
            // Dark text on the light (high) end of the gradient, light text on the dark end.
            const bool light = std::isfinite(v) && hi > lo && (v - lo) / (hi - lo) > 0.6;
            label->setColor(light ? Qt::black : Qt::white);
            label->setClipToAxisRect(true);
            labels_ << label;
        }
    if (std::isfinite(lo))
        map_->setDataRange(hi > lo ? QCPRange(lo, hi) : QCPRange(lo - 0.5, hi + 0.5));
    const int seeds = sweepresults::seedsPerGroup(report);
    title_->setText(std::isfinite(lo) ? (seeds == 1 ? tr("AdaRound top-1 over %1 and %2 (one seed)").arg(xKey, yKey)
                                                  : tr("Mean AdaRound top-1 over %1 and %2 (%3 seeds per cell)").arg(xKey, yKey).arg(seeds))
                                      : tr("Mean AdaRound top-1 over %1 and %2: no point completed yet").arg(xKey, yKey));
    replot(rpQueuedReplot);
}
