#include "histogram_history_plot.h"

#include "plot_interaction.h"
#include "plot_style.h"

#include <cmath>
#include <limits>

namespace {
// Shares below this show as the darkest colour (empty bins included).
constexpr double kFloorShare = 1e-4;
} // namespace

HistogramHistoryPlot::HistogramHistoryPlot(QWidget* parent) : QCustomPlot(parent)
{
    title_ = plotstyle::addTitle(this, QString());
    scale_ = plotstyle::addColorScaleBeside(this, tr("Share of weights (log)"));

    xAxis->setLabel(tr("Iteration within the layer"));
    yAxis->setLabel(tr("h(V)"));
    yAxis->setRange(0, 1);
    scale_->axis()->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    scale_->axis()->setNumberFormat(QStringLiteral("eb"));
    scale_->axis()->setNumberPrecision(0);

    map_ = new QCPColorMap(xAxis, yAxis);
    map_->setName(tr("Share of weights per h(V) bin"));
    map_->setInterpolate(false);
    map_->setTightBoundary(false); // full cells: the 0 and 1 bins are the ones that matter
    // The map takes over the scale's settings when attached, so style it after.
    map_->setColorScale(scale_);
    QCPColorGradient gradient(QCPColorGradient::gpThermal);
    gradient.setNanHandling(QCPColorGradient::nhTransparent); // columns not yet reached
    map_->setGradient(gradient);
    map_->setDataScaleType(QCPAxis::stLogarithmic);
    map_->setDataRange(QCPRange(kFloorShare, 1));
    legend->setVisible(false); // the colour scale is this plot's legend
    setMinimumSize(320, 220);
    auto* interaction = PlotInteraction::install(this);
    interaction->setKeyText([this](const QCPAbstractPlottable*, double key) {
        int column = 0, bin = 0;
        map_->data()->coordToCell(key, 0.5, &column, &bin);
        return tr("iteration %1").arg(QLocale().toString(columnIteration(column)));
    });
    interaction->setValueText([](const QCPAbstractPlottable*, double share) {
        return tr("%1% of the weights").arg(100 * share, 0, 'g', 3);
    });
    interaction->setResetView([this] { xAxis->setRange(0, std::max(iterations_, 1)); });
    interaction->addToggle(logColourToggle(), true, [this](bool on) { setLogColour(on); });
    clearData();
}

QString HistogramHistoryPlot::logColourToggle() { return tr("Logarithmic colour scale"); }

void HistogramHistoryPlot::setLogColour(bool on)
{
    logColour_ = on;
    scale_->axis()->setTicker(on ? QSharedPointer<QCPAxisTicker>(new QCPAxisTickerLog)
                                 : QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    scale_->axis()->setNumberFormat(on ? QStringLiteral("eb") : QStringLiteral("gb"));
    scale_->axis()->setNumberPrecision(on ? 0 : 2);
    scale_->setLabel(on ? tr("Share of weights (log)") : tr("Share of weights"));
    map_->setDataScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    fitColours();
}

// Log: from the floor to all weights in one bin. Linear: up to the largest
// share shown, so that the collapse toward 0 and 1 uses the whole scale.
void HistogramHistoryPlot::fitColours()
{
    if (logColour_) {
        map_->setDataRange(QCPRange(kFloorShare, 1));
        return;
    }
    double top = 0;
    for (int c = 0; c < map_->data()->keySize(); ++c)
        for (int b = 0; b < map_->data()->valueSize(); ++b) {
            const double v = map_->data()->cell(c, b);
            if (!std::isnan(v))
                top = std::max(top, v);
        }
    map_->setDataRange(QCPRange(0, top > 0 ? top : 1));
}

int HistogramHistoryPlot::columnIteration(int column) const
{
    return std::clamp(column * step_, 0, iterations_);
}

void HistogramHistoryPlot::clearData()
{
    map_->data()->clear();
    layerName_.clear();
    layer_ = -1;
    iterations_ = 0;
    snapshots_ = 0;
    xAxis->setRange(0, 1);
    title_->setText(tr("h(V) history"));
}

void HistogramHistoryPlot::startLayer(const adaround::LayerStarted& e)
{
    if (e.iterations <= 0)
        return; // round-to-nearest only: keep showing the last optimised layer
    layer_ = e.layer;
    layerName_ = QString::fromStdString(e.name);
    iterations_ = e.iterations;
    step_ = std::min(interval_, iterations_); // snapshots come at least at the start and the end
    snapshots_ = 0;
    map_->data()->clear();
    xAxis->setRange(0, iterations_);
    title_->setText(tr("h(V) history — %1").arg(layerName_));
}

void HistogramHistoryPlot::resize(int bins)
{
    // Snapshots at 0, step, 2·step, ... and the last iteration, one column
    // each, the columns side by side across exactly [0, iterations].
    const int columns = (iterations_ + step_ - 1) / step_ + 1;
    map_->data()->setSize(columns, bins);
    const double half = 0.5 / bins;
    const double width = double(iterations_) / columns;
    map_->data()->setRange(QCPRange(width / 2, iterations_ - width / 2), QCPRange(half, 1 - half));
    map_->data()->fill(std::numeric_limits<double>::quiet_NaN());
    xAxis->setRange(0, iterations_);
}

void HistogramHistoryPlot::addSnapshot(const adaround::HistogramSnapshot& s)
{
    if (s.layer != layer_ || s.counts.empty())
        return;
    const int bins = int(s.counts.size());
    if (map_->data()->valueSize() != bins)
        resize(bins);
    int64_t total = 0;
    for (int64_t c : s.counts)
        total += c;
    const int column = std::min((s.iteration + step_ / 2) / step_, map_->data()->keySize() - 1);
    for (int b = 0; b < bins; ++b) {
        const double share = total > 0 ? double(s.counts[size_t(b)]) / double(total) : 0.0;
        map_->data()->setCell(column, b, std::max(share, kFloorShare));
    }
    ++snapshots_;
    if (!logColour_)
        fitColours();
}
