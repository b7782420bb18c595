#include "flips_scatter.h"

#include "adaround/flip_stats.h"
#include "plot_interaction.h"
#include "plot_style.h"

#include <algorithm>

namespace {

// A fixed spread around the decision (0 or 1), the same for a weight every
// time: the band shows how many weights went each way without hiding them.
double spread(int64_t index)
{
    const uint64_t h = uint64_t(index) * 0x9E3779B97F4A7C15ULL;
    return (double(h >> 40) / double(1ULL << 24) - 0.5) * 0.5;
}

struct Point {
    double x, y;
    int64_t index;
};

void setPoints(QCPGraph* graph, std::vector<Point>& points, std::vector<int64_t>& index)
{
    std::sort(points.begin(), points.end(), [](const Point& a, const Point& b) { return a.x < b.x; });
    QVector<double> keys(int(points.size())), values(int(points.size()));
    index.resize(points.size());
    for (size_t i = 0; i < points.size(); ++i) {
        keys[int(i)] = points[i].x;
        values[int(i)] = points[i].y;
        index[i] = points[i].index;
    }
    graph->setData(keys, values, true);
}

} // namespace

FlipsScatter::FlipsScatter(QWidget* parent) : QCustomPlot(parent)
{
    title_ = plotstyle::addTitle(this, tr("Who flipped"));
    xAxis->setLabel(tr("Fractional position W/s − ⌊W/s⌋ (nearest rounds up from 0.5)"));
    xAxis->setRange(0, 1);
    same_ = addGraph();
    other_ = addGraph();
    const QColor sameColor(120, 130, 150), otherColor = plotstyle::seriesColor(1);
    for (auto [g, c] : {std::pair{same_, sameColor}, std::pair{other_, otherColor}}) {
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, c, c, 3));
        g->setPen(QPen(c));
        g->setAdaptiveSampling(true); // overlapping points drawn once: big layers stay fast
    }
    // The half-way line: left of it nearest rounds down, right of it up.
    auto* half = new QCPItemStraightLine(this);
    half->point1->setCoords(0.5, 0);
    half->point2->setCoords(0.5, 1);
    half->setPen(QPen(QColor(90, 90, 90), 1, Qt::DashLine));
    plotstyle::legendBelow(this, 2);
    setMinimumSize(360, 260);
    auto* interaction = PlotInteraction::install(this, Qt::Horizontal | Qt::Vertical);
    interaction->setKeyText([](const QCPAbstractPlottable*, double key) { return tr("fraction %1").arg(key, 0, 'f', 3); });
    showNothing(tr("Who flipped"));
}

void FlipsScatter::showNothing(const QString& title)
{
    same_->data()->clear();
    other_->data()->clear();
    sameIndex_.clear();
    otherIndex_.clear();
    same_->setName(tr("Same as nearest"));
    other_->setName(tr("Rounded the other way"));
    title_->setText(title);
    yAxis->setRange(-0.4, 1.4);
    replot(rpQueuedReplot);
}

void FlipsScatter::showLayer(const QString& name, const adaround::QuantizedLayer& w, const adaround::WeightSample* final,
                             int64_t channel, YMode mode)
{
    std::vector<Point> same, other;
    const int64_t per = adaround::weightsPerChannel(w);
    auto add = [&](int64_t i, double y) {
        if (channel >= 0 && i / std::max<int64_t>(per, 1) != channel)
            return;
        const float f = w.fraction[size_t(i)];
        const bool flipped = (w.roundedUp[size_t(i)] != 0) != adaround::nearestRoundsUp(f);
        (flipped ? other : same).push_back({double(f), y, i});
    };
    if (mode == YMode::Decision) {
        same.reserve(w.fraction.size());
        for (int64_t i = 0; i < int64_t(w.fraction.size()); ++i)
            add(i, double(w.roundedUp[size_t(i)]) + spread(i));
    } else if (final) {
        for (size_t k = 0; k < final->indices.size(); ++k)
            if (final->indices[k] < int64_t(w.fraction.size()))
                add(final->indices[k], double(final->h[k]));
    }
    setPoints(same_, same, sameIndex_);
    setPoints(other_, other, otherIndex_);
    const QLocale l;
    same_->setName(tr("Same as nearest (%1)").arg(l.toString(qlonglong(same.size()))));
    other_->setName(tr("Rounded the other way (%1)").arg(l.toString(qlonglong(other.size()))));
    const QString where = channel >= 0 ? tr(", output channel %1").arg(channel) : QString();
    if (mode == YMode::Decision) {
        title_->setText(tr("Who flipped — %1%2").arg(name, where));
        QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
        ticker->addTick(0, tr("down"));
        ticker->addTick(1, tr("up"));
        yAxis->setTicker(ticker);
        yAxis->setLabel(tr("Rounding chosen (spread for visibility)"));
        yAxis->setRange(-0.4, 1.4);
    } else {
        title_->setText(tr("Who flipped — %1%2, %3 sampled weights")
                            .arg(name, where)
                            .arg(final ? int(final->indices.size()) : 0));
        yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        yAxis->setLabel(tr("Final h(V) (0 = down, 1 = up)"));
        yAxis->setRange(-0.05, 1.05);
    }
    xAxis->setRange(0, 1);
    replot(rpQueuedReplot);
}

int64_t FlipsScatter::weightAt(const QPointF& pos) const
{
    double best = -1;
    int64_t found = -1;
    for (auto [g, index] : {std::pair{other_, &otherIndex_}, std::pair{same_, &sameIndex_}}) {
        if (!g->realVisibility())
            continue;
        QVariant details;
        const double d = g->selectTest(pos, false, &details);
        if (d < 0 || (best >= 0 && d >= best))
            continue;
        const QCPDataSelection sel = details.value<QCPDataSelection>();
        if (sel.isEmpty() || size_t(sel.dataRange().begin()) >= index->size())
            continue;
        best = d;
        found = (*index)[size_t(sel.dataRange().begin())];
    }
    return found;
}

void FlipsScatter::mouseMoveEvent(QMouseEvent* event)
{
    QCustomPlot::mouseMoveEvent(event);
    const int64_t at = weightAt(event->position());
    if (at != hovered_) {
        hovered_ = at;
        emit weightHovered(at);
    }
}

void FlipsScatter::leaveEvent(QEvent* event)
{
    QCustomPlot::leaveEvent(event);
    if (hovered_ != -1) {
        hovered_ = -1;
        emit weightHovered(-1);
    }
}
