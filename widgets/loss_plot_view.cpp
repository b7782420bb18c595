// LossPlot's interactive side: hover readout, legend toggles, log/linear axis,
// smoothing, the selected layer and the per-layer x axis (see loss_plot.h).
#include "loss_plot.h"

#include "plot_interaction.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

// Weight of the newest point in the smoothed losses (an EMA restarted per layer):
// with a point every 50 iterations, about the last 500 iterations count.
constexpr double kSmoothing = 0.1;

// Ticks at the layer's start, labelled from 0: per-layer mode keeps the run-wide
// keys of the data and shows iterations within the layer.
class LayerTicker : public QCPAxisTicker {
public:
    explicit LayerTicker(double start) { setTickOrigin(start); }

protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar format, int precision) override
    {
        return QCPAxisTicker::getTickLabel(tick - tickOrigin(), locale, format, precision);
    }
};

} // namespace

QString LossPlot::logAxisToggle() { return tr("Logarithmic loss axis"); }
QString LossPlot::smoothingToggle() { return tr("Smooth the losses (moving average)"); }
QString LossPlot::perLayerToggle() { return tr("One layer at a time (x = iteration within the layer)"); }

void LossPlot::setupInteraction()
{
    interaction_ = PlotInteraction::install(this);
    interaction_->setKeyText([this](const QCPAbstractPlottable*, double x) { return keyText(x); });
    interaction_->setValueText([this](const QCPAbstractPlottable* p, double v) {
        if (p->valueAxis() == yAxis2)
            return QLocale().toString(v, 'f', 2);
        return QString::number(v, 'e', 3);
    });
    interaction_->setResetView([this] {
        everythingChanged_ = true;
        redraw();
    });
    // A series' finished layers follow its legend entry (the live graph).
    connect(interaction_, &PlotInteraction::seriesVisibilityChanged, this, [this] { applyVisibility(); });
    connect(interaction_, &PlotInteraction::clicked, this, [this](const QPointF& at) {
        const int layer = layerAt(at.x());
        if (layer >= 0)
            emit layerClicked(layer);
    });
    interaction_->addToggle(logAxisToggle(), true, [this](bool on) { setLogAxis(on); });
    interaction_->addToggle(smoothingToggle(), false, [this](bool on) { setSmoothing(on); });
    interaction_->addToggle(perLayerToggle(), false, [this](bool on) { setPerLayer(on); });
}

const LossPlot::Span* LossPlot::span(int layer) const
{
    for (const Span& s : spans_)
        if (s.layer == layer)
            return &s;
    return nullptr;
}

int LossPlot::layerAt(double x) const
{
    for (const Span& s : spans_)
        if (x >= s.start && x <= s.start + s.iterations)
            return s.layer;
    return -1;
}

QRectF LossPlot::layerPixels(int layer) const
{
    const Span* s = span(layer);
    if (!s)
        return {};
    const QRect r = axisRect()->rect();
    const double a = xAxis->coordToPixel(s->start), b = xAxis->coordToPixel(s->start + s->iterations);
    return QRectF(QPointF(a, r.top()), QPointF(b, r.bottom()));
}

QString LossPlot::keyText(double x) const
{
    const int layer = layerAt(x);
    const Span* s = span(layer);
    if (!s)
        return tr("iteration %1").arg(QLocale().toString(qlonglong(std::llround(x))));
    return tr("iteration %1 of %2 (run-wide %3)")
        .arg(QLocale().toString(qlonglong(std::llround(x - s->start))), s->name,
             QLocale().toString(qlonglong(std::llround(x))));
}

// Legend toggles per series; in per-layer mode, only the shown layer's curves.
void LossPlot::applyVisibility()
{
    const Span* shown = perLayer_ ? span(selected_ >= 0 ? selected_ : (spans_.empty() ? -1 : spans_.back().layer))
                                  : nullptr;
    auto showsLayer = [&](int layer) { return !perLayer_ || (shown && shown->layer == layer); };
    for (size_t s = 0; s < SeriesCount; ++s) {
        const bool on = !interaction_->hidden(live_[s]);
        for (size_t i = 0; i < past_.size(); ++i)
            past_[i][s]->setVisible(on && showsLayer(pastLayers_[i]));
        live_[s]->setVisible(on && (spans_.empty() || showsLayer(spans_.back().layer))); // the last started layer's
    }
    everythingChanged_ = true;
}

std::vector<QCPItemText*> LossPlot::layerLabels() const
{
    std::vector<QCPItemText*> out;
    for (const Boundary& b : boundaries_)
        out.push_back(b.label);
    return out;
}

void LossPlot::selectLayer(int layer)
{
    if (layer == selected_)
        return;
    selected_ = layer;
    const Span* s = span(layer);
    if (!s) {
        if (highlight_)
            highlight_->setVisible(false);
    } else {
        if (!highlight_) {
            highlight_ = new QCPItemRect(this);
            highlight_->setLayer(QStringLiteral("grid")); // beneath the curves
            highlight_->setPen(Qt::NoPen);
            highlight_->setBrush(QColor(255, 200, 60, 55));
            highlight_->setSelectable(false);
            for (QCPItemPosition* p : {highlight_->topLeft, highlight_->bottomRight}) {
                p->setTypeX(QCPItemPosition::ptPlotCoords);
                p->setTypeY(QCPItemPosition::ptAxisRectRatio);
            }
        }
        highlight_->topLeft->setCoords(s->start, 0);
        highlight_->bottomRight->setCoords(s->start + s->iterations, 1);
        highlight_->setVisible(!perLayer_);
    }
    if (perLayer_)
        setPerLayer(true); // the shown layer and the compared runs follow
    everythingChanged_ = true;
}

void LossPlot::setPerLayer(bool on)
{
    perLayer_ = on;
    const Span* s = span(selected_ >= 0 ? selected_ : (spans_.empty() ? -1 : spans_.back().layer));
    if (on && s) {
        xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new LayerTicker(s->start)));
        xAxis->setLabel(tr("Iteration within %1").arg(s->name));
    } else {
        xAxis->setTicker(runTicker_);
        xAxis->setLabel(tr("Iteration (all layers, in order)"));
    }
    if (highlight_)
        highlight_->setVisible(!on && span(selected_));
    for (Comparison& c : compared_)
        fillComparison(c);
    applyVisibility();
    if (!interaction_->userView())
        xAxis->setRange(xRange());
}

QCPRange LossPlot::xRange() const
{
    const Span* s = span(selected_ >= 0 ? selected_ : (spans_.empty() ? -1 : spans_.back().layer));
    if (!perLayer_ || !s)
        return QCPRange(0, std::max({plannedIterations_, comparisonIterations_, 1.0}));
    // Compared runs may give the layer more iterations than the main run did.
    double longest = s->iterations;
    for (const Comparison& c : compared_)
        for (const adaround::IterationStats& e : c.stats)
            if (e.layer == s->layer)
                longest = std::max(longest, double(e.iteration));
    return QCPRange(s->start, s->start + std::max(longest, 1.0));
}

QCPRange LossPlot::shownLossRange() const
{
    const Span* s = span(selected_ >= 0 ? selected_ : (spans_.empty() ? -1 : spans_.back().layer));
    double lo = 0, hi = 0;
    auto take = [&](double v) {
        if (v > 0 && std::isfinite(v)) {
            lo = lo > 0 ? std::min(lo, v) : v;
            hi = std::max(hi, v);
        }
    };
    auto scan = [&](const std::vector<adaround::IterationStats>& stats) {
        for (const adaround::IterationStats& e : stats)
            if (s && e.layer == s->layer) {
                take(e.recLoss);
                take(e.roundLoss);
                take(e.total);
            }
    };
    scan(stats_);
    for (const Comparison& c : compared_)
        scan(c.stats);
    return QCPRange(lo, hi);
}

// Whole run: the compared run on its own layer offsets. Per layer: its
// iterations of the shown layer from the main run's start of that layer, so
// the same layer of both runs lines up however long their other layers ran.
void LossPlot::fillComparison(Comparison& c)
{
    const Span* shown = perLayer_ ? span(selected_ >= 0 ? selected_ : (spans_.empty() ? -1 : spans_.back().layer))
                                  : nullptr;
    QVector<double> keys, recs, totals;
    keys.reserve(int(c.stats.size()));
    for (const adaround::IterationStats& e : c.stats) {
        if (perLayer_ && (!shown || e.layer != shown->layer))
            continue;
        keys.push_back(perLayer_ ? shown->start + e.iteration : c.x.at(e.layer, e.iteration));
        recs.push_back(positiveOrGap(e.recLoss));
        totals.push_back(positiveOrGap(e.total));
    }
    c.rec->setData(keys, recs, true);
    c.total->setData(keys, totals, true);
}

void LossPlot::appendMain(const adaround::IterationStats& e)
{
    const double x = x_.at(e.layer, e.iteration);
    const double raw[3] = {positiveOrGap(e.recLoss), positiveOrGap(e.roundLoss), positiveOrGap(e.total)};
    double shown[3] = {raw[0], raw[1], raw[2]};
    if (smoothing_) {
        if (e.layer != emaLayer_) { // each layer starts afresh
            emaLayer_ = e.layer;
            ema_.fill(std::numeric_limits<double>::quiet_NaN());
        }
        for (int s = 0; s < 3; ++s) {
            if (std::isnan(raw[s]))
                continue; // a gap stays a gap
            ema_[size_t(s)] = std::isnan(ema_[size_t(s)]) ? raw[s] : ema_[size_t(s)] + kSmoothing * (raw[s] - ema_[size_t(s)]);
            shown[s] = ema_[size_t(s)];
        }
    }
    // Appending in key order: QCustomPlot's container takes that in O(1).
    live_[Rec]->addData(x, shown[0]);
    live_[Round]->addData(x, shown[1]);
    live_[Total]->addData(x, shown[2]);
    live_[Beta]->addData(x, e.beta);
}

// The main run's curves again from its statistics (smoothing changed).
void LossPlot::rebuildMain()
{
    for (const auto& set : past_)
        for (QCPGraph* g : set)
            g->data()->clear();
    for (QCPGraph* g : live_)
        g->data()->clear();
    emaLayer_ = -1;
    size_t next = 0; // the past_ set the statistics fill, in layer order
    const auto live = live_;
    for (const adaround::IterationStats& e : stats_) {
        while (next < past_.size() && pastLayers_[next] != e.layer)
            ++next;
        if (next < past_.size())
            for (size_t s = 0; s < SeriesCount; ++s)
                live_[s] = past_[next][s]; // appendMain fills live_: point it at the finished layer's graphs
        else
            live_ = live;
        appendMain(e);
    }
    live_ = live;
    everythingChanged_ = true;
}

void LossPlot::setSmoothing(bool on)
{
    smoothing_ = on;
    rebuildMain();
    redraw();
}

void LossPlot::setLogAxis(bool on)
{
    logAxis_ = on;
    if (on) {
        yAxis->setScaleType(QCPAxis::stLogarithmic);
        yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
        yAxis->setNumberFormat(QStringLiteral("eb"));
        yAxis->setNumberPrecision(0);
        yAxis->setLabel(tr("Loss (log scale)"));
    } else {
        yAxis->setScaleType(QCPAxis::stLinear);
        yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        yAxis->setNumberFormat(QStringLiteral("gb"));
        yAxis->setNumberPrecision(3);
        yAxis->setLabel(tr("Loss"));
    }
    rangeStale_ = true;
    everythingChanged_ = true;
    redraw();
}
