#include "flips_side_plots.h"

#include "plot_interaction.h"
#include "plot_style.h"

#include <algorithm>

namespace {

const QColor kSame(120, 130, 150);

QColor otherColor() { return plotstyle::seriesColor(1); }

} // namespace

FlipTrajectoryPlot::FlipTrajectoryPlot(QWidget* parent) : QCustomPlot(parent)
{
    title_ = plotstyle::addTitle(this, tr("h(V) trajectories"));
    xAxis->setLabel(tr("Iteration in the layer"));
    yAxis->setLabel(tr("h(V)"));
    yAxis->setRange(-0.05, 1.05);
    bold_ = nullptr;
    plotstyle::legendBelow(this, 1);
    setMinimumSize(260, 180);
    PlotInteraction::install(this);
    clearSamples(tr("No trajectories"));
}

void FlipTrajectoryPlot::clearSamples(const QString& why)
{
    clearGraphs();
    bold_ = addGraph();
    bold_->setPen(QPen(Qt::black, 2.5));
    bold_->removeFromLegend();
    columns_.clear();
    iterations_.clear();
    rows_.clear();
    title_->setText(why);
    replot(rpQueuedReplot);
}

void FlipTrajectoryPlot::setSamples(const adaround::QuantizedLayer& w, const std::vector<adaround::WeightSample>& samples)
{
    clearSamples(tr("h(V) trajectories"));
    if (samples.empty() || !adaround::hasFlipData(w))
        return clearSamples(tr("No h(V) trajectories stored for this layer"));
    weights_ = int64_t(w.fraction.size());
    const auto& indices = samples.front().indices;
    for (const auto& s : samples) {
        iterations_.push_back(s.iteration);
        rows_.push_back(s.h);
    }
    bool named[2] = {false, false};
    for (size_t k = 0; k < indices.size(); ++k) {
        const int64_t i = indices[k];
        if (i < 0 || i >= weights_)
            continue;
        columns_[i] = k;
        const bool flipped = (w.roundedUp[size_t(i)] != 0) != adaround::nearestRoundsUp(w.fraction[size_t(i)]);
        QCPGraph* g = addGraph();
        QColor c = flipped ? otherColor() : kSame;
        c.setAlpha(flipped ? 170 : 60);
        g->setPen(QPen(c, flipped ? 1.2 : 0.8));
        QVector<double> x, y;
        for (size_t r = 0; r < rows_.size(); ++r)
            if (k < rows_[r].size()) {
                x.push_back(iterations_[r]);
                y.push_back(rows_[r][k]);
            }
        g->setData(x, y, true);
        if (named[flipped]) {
            g->removeFromLegend();
        } else {
            named[flipped] = true;
            g->setName(flipped ? tr("Rounded the other way") : tr("Same as nearest"));
        }
    }
    title_->setText(tr("h(V) of %1 sampled weights").arg(indices.size()));
    xAxis->setRange(0, iterations_.empty() ? 1 : std::max(1.0, iterations_.back()));
    replot(rpQueuedReplot);
}

bool FlipTrajectoryPlot::highlight(int64_t index)
{
    bold_->data()->clear();
    const auto it = columns_.find(index);
    const bool in = it != columns_.end();
    if (in) {
        QVector<double> x, y;
        for (size_t r = 0; r < rows_.size(); ++r)
            if (it->second < rows_[r].size()) {
                x.push_back(iterations_[r]);
                y.push_back(rows_[r][it->second]);
            }
        // A new graph, so that it is drawn last, over the sample.
        removeGraph(bold_);
        bold_ = addGraph();
        bold_->setPen(QPen(Qt::black, 2.5));
        bold_->setData(x, y, true);
        bold_->removeFromLegend();
        title_->setText(tr("h(V) of weight %1").arg(QLocale().toString(qlonglong(index))));
    } else if (!columns_.empty()) {
        title_->setText(index < 0 ? tr("h(V) of %1 sampled weights").arg(columns_.size())
                                  : tr("Weight %1: not sampled").arg(QLocale().toString(qlonglong(index))));
    }
    replot(rpQueuedReplot);
    return in;
}

FlipShareBars::FlipShareBars(QWidget* parent) : QCustomPlot(parent)
{
    plotstyle::addTitle(this, tr("Flipped vs distance from 0.5"));
    xAxis->setLabel(tr("|fraction − 0.5| (0: half-way)"));
    yAxis->setLabel(tr("Flipped (%)"));
    xAxis->setRange(0, 0.5);
    bars_ = new QCPBars(xAxis, yAxis);
    bars_->setName(tr("Weights rounded the other way"));
    bars_->setPen(QPen(otherColor().darker(130), 0.5));
    bars_->setBrush(otherColor());
    setMinimumSize(260, 160);
    auto* interaction = PlotInteraction::install(this);
    interaction->setKeyText([this](const QCPAbstractPlottable*, double key) {
        const double half = bars_->width() / 2;
        return tr("|f − 0.5| %1–%2").arg(key - half, 0, 'f', 2).arg(key + half, 0, 'f', 2);
    });
    interaction->setValueText([](const QCPAbstractPlottable*, double v) { return tr("%1% flipped").arg(v, 0, 'g', 3); });
}

void FlipShareBars::setStats(const adaround::FlipStats& s)
{
    QVector<double> x, y;
    double top = 0;
    for (const auto& b : s.byDistance) {
        x.push_back((b.from + b.to) / 2);
        const double share = b.weights > 0 ? 100.0 * double(b.flipped) / double(b.weights) : 0;
        y.push_back(share);
        top = std::max(top, share);
    }
    bars_->setWidth(s.byDistance.empty() ? 0.05 : (s.byDistance.front().to - s.byDistance.front().from) * 0.9);
    bars_->setData(x, y, true);
    yAxis->setRange(0, top > 0 ? top * 1.1 : 1);
    replot(rpQueuedReplot);
}

KernelGridPlot::KernelGridPlot(QWidget* parent) : QCustomPlot(parent)
{
    title_ = plotstyle::addTitle(this, tr("Kernel: rounding minus nearest"));
    xAxis->setLabel(tr("Input channel"));
    yAxis->setLabel(tr("Tap (row-major)"));
    map_ = new QCPColorMap(xAxis, yAxis);
    map_->setName(tr("Δ from nearest"));
    map_->setInterpolate(false);
    QCPColorGradient gradient;
    gradient.setColorStops({{0.0, plotstyle::seriesColor(0)}, {0.5, QColor(238, 238, 238)}, {1.0, otherColor()}});
    gradient.setLevelCount(3);
    map_->setGradient(gradient);
    map_->setDataRange(QCPRange(-1, 1));
    auto* scale = new QCPColorScale(this);
    plotLayout()->addElement(1, 1, scale);
    scale->setGradient(gradient);
    scale->setDataRange(QCPRange(-1, 1));
    QSharedPointer<QCPAxisTickerText> ticks(new QCPAxisTickerText);
    ticks->addTicks({{-1, QStringLiteral("−1")}, {0, QStringLiteral("0")}, {1, QStringLiteral("+1")}});
    scale->axis()->setTicker(ticks);
    map_->setColorScale(scale);
    setMinimumSize(260, 180);
    auto* interaction = PlotInteraction::install(this);
    interaction->setKeyText([](const QCPAbstractPlottable*, double key) { return tr("input channel %1").arg(qRound(key)); });
    interaction->setValueText([](const QCPAbstractPlottable*, double v) {
        return v > 0.5 ? tr("+1: up, nearest was down") : v < -0.5 ? tr("−1: down, nearest was up") : tr("0: as nearest");
    });
    clearKernel(tr("Kernel grid: conv layers only"));
}

void KernelGridPlot::clearKernel(const QString& why)
{
    map_->data()->clear();
    map_->setVisible(false);
    title_->setText(why);
    replot(rpQueuedReplot);
}

bool KernelGridPlot::setKernel(const adaround::QuantizedLayer& w, int64_t channel)
{
    if (w.shape.size() != 4 || !adaround::hasFlipData(w)) {
        clearKernel(w.shape.size() != 4 ? tr("Kernel grid: conv layers only (%1 is linear)").arg(QString::fromStdString(w.name))
                                        : tr("Kernel grid: no fractional positions stored"));
        return false;
    }
    channel = std::clamp<int64_t>(channel, 0, w.shape[0] - 1);
    const int in = int(w.shape[1]), taps = int(w.shape[2] * w.shape[3]);
    map_->data()->setSize(in, taps);
    map_->data()->setRange(QCPRange(0, std::max(1, in - 1)), QCPRange(0, std::max(1, taps - 1)));
    const size_t base = size_t(channel) * size_t(in) * size_t(taps);
    for (int c = 0; c < in; ++c)
        for (int t = 0; t < taps; ++t) {
            const size_t i = base + size_t(c) * size_t(taps) + size_t(t);
            const int delta = int(w.roundedUp[i]) - int(adaround::nearestRoundsUp(w.fraction[i]));
            map_->data()->setCell(c, t, delta);
        }
    map_->setVisible(true);
    xAxis->setRange(-0.5, in - 0.5);
    yAxis->setRange(-0.5, taps - 0.5);
    title_->setText(tr("Channel %1: rounding − nearest").arg(channel));
    replot(rpQueuedReplot);
    return true;
}
