#include "loss_plot.h"

#include "adaround/layer_overrides.h"

#include "plot_interaction.h"
#include "plot_style.h"

#include <algorithm>
#include <cmath>
#include <limits>

void GlobalIterations::clear()
{
    offsets_.clear();
    end_ = 0;
}

double GlobalIterations::startLayer(int layer, int iterations)
{
    const double start = end_;
    offsets_[layer] = start;
    end_ += iterations;
    return start;
}

double GlobalIterations::at(int layer, int iteration) const
{
    const auto it = offsets_.find(layer);
    return (it == offsets_.end() ? end_ : it->second) + iteration;
}

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
} // namespace

// A log axis cannot show zero (the rounding loss during warm-up): a NaN leaves
// a gap instead of a line dropping to the axis floor.
double LossPlot::positiveOrGap(double v) { return v > 0 && std::isfinite(v) ? v : kNaN; }

namespace {

QCPGraph* makeGraph(QCustomPlot* plot, QCPAxis* y, const QString& name, const QColor& color,
                    Qt::PenStyle style = Qt::SolidLine)
{
    QCPGraph* g = plot->addGraph(plot->xAxis, y);
    g->setName(name);
    g->setPen(QPen(color, 1, style));
    return g;
}

double plannedIterations(const adaround::RunStarted& run)
{
    double n = 0;
    for (size_t k = 0; k < run.bits.size(); ++k)
        if (run.bits[k] > 0 && (k >= run.adaround.size() || run.adaround[k]))
            n += k < run.layers.size() ? adaround::layerConfig(run.config, run.layers[k].name).iterations
                                       : run.config.iterations;
    return n;
}

} // namespace

LossPlot::LossPlot(QWidget* parent) : QCustomPlot(parent)
{
    title_ = plotstyle::addTitle(this, tr("Losses per iteration"));
    xAxis->setLabel(tr("Iteration (all layers, in order)"));
    yAxis->setLabel(tr("Loss (log scale)"));
    yAxis->setScaleType(QCPAxis::stLogarithmic);
    QSharedPointer<QCPAxisTickerLog> logTicker(new QCPAxisTickerLog);
    yAxis->setTicker(logTicker);
    yAxis->setNumberFormat(QStringLiteral("eb"));
    yAxis->setNumberPrecision(0);
    yAxis2->setVisible(true);
    yAxis2->setLabel(tr("β (annealing exponent)"));
    yAxis2->setLabelColor(plotstyle::seriesColor(3));
    yAxis2->setTickLabelColor(plotstyle::seriesColor(3));

    // Comparison runs draw beneath the main run, the current layer above it.
    addLayer(QStringLiteral("comparisons"), layer(QStringLiteral("main")), QCustomPlot::limBelow);
    addLayer(QStringLiteral("live"), layer(QStringLiteral("main")), QCustomPlot::limAbove);
    liveLayer_ = layer(QStringLiteral("live"));
    liveLayer_->setMode(QCPLayer::lmBuffered);

    // Pens of width 1: wider antialiased polylines cost Qt's rasteriser 50x
    // more per point, which tens of thousands of points cannot afford.
    // Drawn in this order: beta and the total (which hides the rounding loss
    // once that dominates) behind, the reconstruction loss on top.
    live_[Beta] = makeGraph(this, yAxis2, tr("β (right axis)"), plotstyle::seriesColor(3));
    live_[Total] = makeGraph(this, yAxis, tr("Total"), plotstyle::seriesColor(2));
    live_[Round] = makeGraph(this, yAxis, tr("Rounding loss (λ·reg)"), plotstyle::seriesColor(1), Qt::DashLine);
    live_[Rec] = makeGraph(this, yAxis, tr("Reconstruction loss"), plotstyle::seriesColor(0));
    for (QCPGraph* g : live_) {
        g->setLayer(liveLayer_);
        g->removeFromLegend(); // re-added in order of interest
    }
    for (QCPGraph* g : live_)
        g->addToLegend();
    plotstyle::legendBelow(this, 4);
    setMinimumSize(360, 240);
    runTicker_ = xAxis->ticker();
    setupInteraction();
    // The labels fit the axes as laid out for this very replot (a legend row more
    // or a resize changes the height they may take).
    connect(this, &QCustomPlot::afterLayout, this, [this] { placeLabels(); });
    clearRun();
}

void LossPlot::retireLiveLayer()
{
    if (live_[Rec]->data()->isEmpty())
        return;
    std::array<QCPGraph*, SeriesCount> done{};
    for (int s = Beta; s >= Rec; --s) { // the live curves' drawing order
        QCPGraph* live = live_[size_t(s)];
        QCPGraph* g = addGraph(xAxis, live->valueAxis());
        g->setName(live->name()); // the hover readout names it
        g->setPen(live->pen());
        g->setVisible(live->visible());
        g->setLayer(QStringLiteral("main"));
        g->removeFromLegend();
        g->setData(live->data()); // shares the container: no copy
        live->setData(QSharedPointer<QCPGraphDataContainer>::create());
        done[size_t(s)] = g;
    }
    past_.push_back(done);
    pastLayers_.push_back(stats_.back().layer);
    everythingChanged_ = true;
}

void LossPlot::clearRun()
{
    for (const auto& set : past_)
        for (QCPGraph* g : set)
            removeGraph(g);
    past_.clear();
    pastLayers_.clear();
    stats_.clear();
    spans_.clear();
    emaLayer_ = selected_ = -1;
    if (highlight_)
        removeItem(highlight_);
    highlight_ = nullptr;
    for (QCPGraph* g : live_)
        g->data()->clear();
    for (const Boundary& b : boundaries_) {
        removeItem(b.line);
        removeItem(b.label);
    }
    boundaries_.clear();
    x_.clear();
    plannedIterations_ = 0;
    betaMax_ = 0;
    rescanLosses();
    title_->setText(tr("Losses per iteration"));
    everythingChanged_ = true;
}

void LossPlot::reset(const adaround::RunStarted& run)
{
    clearRun();
    plannedIterations_ = plannedIterations(run);
    betaMax_ = std::max(run.config.betaStart, run.config.betaEnd);
    const adaround::AdaRoundConfig& c = run.config;
    title_->setText(tr("Losses per iteration (λ = %1, β %2 → %3 %4, warm-up %5%)")
                        .arg(c.lambda)
                        .arg(c.betaStart)
                        .arg(c.betaEnd)
                        .arg(QString::fromStdString(adaround::toString(c.schedule)))
                        .arg(100 * c.warmup));
}

void LossPlot::layerStarted(const adaround::LayerStarted& e)
{
    retireLiveLayer();
    const double x = x_.startLayer(e.layer, e.iterations);
    if (e.iterations <= 0)
        return; // round-to-nearest only: no iterations to mark
    spans_.push_back({e.layer, QString::fromStdString(e.name), x, e.iterations});
    applyVisibility();
    auto* line = new QCPItemStraightLine(this);
    line->setPen(QPen(QColor(120, 120, 120), 1, Qt::DotLine));
    line->point1->setCoords(x, 1);
    line->point2->setCoords(x, 2); // vertical: same key, any two values
    line->setSelectable(false);
    auto* label = new QCPItemText(this);
    label->setText(QString::fromStdString(e.name));
    label->position->setTypeX(QCPItemPosition::ptPlotCoords);
    label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    label->position->setCoords(x, 0.02);
    label->setRotation(-90); // reads upwards along the line, right of it
    label->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
    label->setPadding(QMargins(2, 1, 2, 1));
    label->setBrush(QColor(255, 255, 255, 200));
    label->setColor(QColor(70, 70, 70));
    label->setClipToAxisRect(true);
    label->setSelectable(false);
    boundaries_.push_back({line, label, x, QString::fromStdString(e.name)});
    everythingChanged_ = true;
}

void LossPlot::include(double loss)
{
    if (!(loss > 0) || !std::isfinite(loss))
        return;
    lossMin_ = lossMin_ > 0 ? std::min(lossMin_, loss) : loss;
    lossMax_ = std::max(lossMax_, loss);
}

void LossPlot::addStats(const adaround::IterationStats& e)
{
    const double x = x_.at(e.layer, e.iteration);
    stats_.push_back(e);
    appendMain(e);
    include(e.recLoss);
    include(e.roundLoss);
    include(e.total);
    betaMax_ = std::max(betaMax_, e.beta);
    plannedIterations_ = std::max(plannedIterations_, x);
}

void LossPlot::addComparison(const adaround::RunRecord& r, const QString& label, const QColor& color)
{
    Comparison c;
    for (const adaround::LayerStarted& s : r.layerStarts)
        c.x.startLayer(s.layer, s.iterations);
    c.stats = r.iterations;
    QCPGraph* rec = makeGraph(this, yAxis, tr("%1: rec loss").arg(label), color, Qt::DashLine);
    QCPGraph* total = makeGraph(this, yAxis, tr("%1: total").arg(label), color, Qt::DotLine);
    rec->setLayer(QStringLiteral("comparisons"));
    total->setLayer(QStringLiteral("comparisons"));
    for (const adaround::IterationStats& e : r.iterations) {
        include(e.recLoss);
        include(e.total);
    }
    if (!r.iterations.empty())
        comparisonIterations_ = std::max(comparisonIterations_, c.x.at(r.iterations.back().layer, r.iterations.back().iteration));
    c.rec = rec;
    c.total = total;
    fillComparison(c);
    compared_.push_back(std::move(c));
    comparisons_.push_back(rec);
    comparisons_.push_back(total);
    everythingChanged_ = true;
}

void LossPlot::clearComparisons()
{
    for (QCPGraph* g : comparisons_)
        removeGraph(g);
    comparisons_.clear();
    compared_.clear();
    comparisonIterations_ = 0;
    rescanLosses();
    everythingChanged_ = true;
}

// Only when curves go away; adding data updates the range incrementally.
void LossPlot::rescanLosses()
{
    lossMin_ = lossMax_ = 0;
    rangeStale_ = true;
    std::vector<const QCPGraph*> graphs(comparisons_.begin(), comparisons_.end());
    for (const auto& set : past_)
        graphs.insert(graphs.end(), {set[Rec], set[Round], set[Total]});
    graphs.insert(graphs.end(), {live_[Rec], live_[Round], live_[Total]});
    for (const QCPGraph* g : graphs)
        for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
            include(it->value);
}

std::vector<QCPGraphData> LossPlot::points(Series s) const
{
    std::vector<QCPGraphData> out;
    for (const auto& set : past_)
        out.insert(out.end(), set[s]->data()->constBegin(), set[s]->data()->constEnd());
    out.insert(out.end(), live_[s]->data()->constBegin(), live_[s]->data()->constEnd());
    return out;
}

void LossPlot::redraw()
{
    // A zoom or pan of the user's stays until the double-click resets it.
    const QCPRange x = interaction_->userView() ? xAxis->range() : xRange();
    // The loss range keeps a margin (factor 2, or 5% linear) and only changes
    // (forcing a full redraw) when a loss leaves it or curves went away.
    QCPRange y = yAxis->range();
    if (lossMax_ <= 0)
        y = logAxis_ ? QCPRange(1e-4, 1) : QCPRange(0, 1);
    else if ((logAxis_ && lossMin_ < y.lower) || lossMax_ > y.upper || rangeStale_)
        y = logAxis_ ? QCPRange(lossMin_ / 2, lossMax_ * 2) : QCPRange(0, lossMax_ * 1.05);
    if (perLayer_) // one layer: its own losses (and the compared runs' of it) fill the axis
        if (const QCPRange own = shownLossRange(); own.upper > 0)
            y = logAxis_ ? QCPRange(own.lower / 2, own.upper * 2) : QCPRange(0, own.upper * 1.05);
    rangeStale_ = false;
    const QCPRange beta(0, betaMax_ > 0 ? betaMax_ * 1.05 : 1);
    const bool axesChanged = xAxis->range() != x || yAxis->range() != y || yAxis2->range() != beta;
    xAxis->setRange(x);
    yAxis->setRange(y);
    yAxis2->setRange(beta);
    const bool labelsChanged = placeLabels();
    if (axesChanged || labelsChanged || everythingChanged_)
        replot(rpQueuedReplot);
    else
        liveLayer_->replot(); // falls back to a full replot if the buffers are stale
    everythingChanged_ = false;
}

// Layer names are hidden where they would overlap the previous visible one,
// so runs with many short layers stay legible. True if any visibility changed.
bool LossPlot::placeLabels()
{
    // A label's box is a line high (it reads upwards): keep half a line between boxes.
    const double minGap = QFontMetricsF(font()).height() * 1.6 + 4;
    const QFontMetricsF metrics(boundaries_.empty() ? font() : boundaries_.front().label->font());
    const double available = std::max(40.0, axisRect()->height() * 0.96 - 6);
    double lastShown = -1e9;
    bool changed = false;
    for (const Boundary& b : boundaries_) {
        const double px = xAxis->coordToPixel(b.x);
        const bool show = px - lastShown >= minGap;
        changed |= b.label->visible() != show;
        b.label->setVisible(show);
        // Reading upwards from the bottom: a name taller than the plot keeps its end (the hover names it in full).
        const QString text = metrics.elidedText(b.name, Qt::ElideLeft, available);
        changed |= b.label->text() != text;
        b.label->setText(text);
        if (show)
            lastShown = px;
    }
    return changed;
}
