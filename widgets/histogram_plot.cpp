#include "histogram_plot.h"

#include "plot_interaction.h"
#include "plot_style.h"

#include <algorithm>

HistogramPlot::HistogramPlot(QWidget* parent) : QCustomPlot(parent)
{
    title_ = plotstyle::addTitle(this, QString());
    yAxis->setLabel(tr("Weights (%)"));
    xAxis->setRange(0, 1);
    bars_ = new QCPBars(xAxis, yAxis);
    bars_->setName(tr("h(V) histogram"));
    bars_->setPen(QPen(plotstyle::seriesColor(0).darker(130), 0.5));
    bars_->setBrush(plotstyle::seriesColor(0));
    // One series: no legend; the x label counts bins and weights (more room for the bars).
    setMinimumSize(280, 220);
    auto* interaction = PlotInteraction::install(this);
    interaction->setKeyText([this](const QCPAbstractPlottable*, double key) {
        const double half = bars_->width() / 2;
        return tr("h(V) %1–%2").arg(key - half, 0, 'f', 2).arg(key + half, 0, 'f', 2);
    });
    interaction->setValueText([](const QCPAbstractPlottable*, double v) { return tr("%1% of the weights").arg(v, 0, 'g', 3); });
    interaction->addToggle(logAxisToggle(), false, [this](bool on) {
        log_ = on;
        bars_->setBaseValue(on ? 1e-4 : 0); // bars rise from the axis floor
        yAxis->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
        yAxis->setTicker(on ? QSharedPointer<QCPAxisTicker>(new QCPAxisTickerLog)
                            : QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        yAxis->setLabel(on ? tr("Weights (%, log)") : tr("Weights (%)"));
        fitShareAxis();
    });
    clearData();
}

QString HistogramPlot::logAxisToggle() { return tr("Logarithmic share axis"); }

void HistogramPlot::fitShareAxis()
{
    if (log_) // the smallest share a bin of a million weights can hold, to the top
        yAxis->setRange(1e-4, top_ > 0 ? top_ * 1.5 : 100);
    else
        yAxis->setRange(0, top_ > 0 ? top_ * 1.08 : 100);
}

void HistogramPlot::clearData()
{
    bars_->data()->clear();
    layerName_.clear();
    layer_ = -1;
    top_ = 0;
    fitShareAxis();
    title_->setText(tr("h(V) histogram"));
    xAxis->setLabel(tr("h(V): 0 = round down, 1 = round up"));
}

void HistogramPlot::setLayerName(int layer, const QString& name)
{
    layer_ = layer;
    layerName_ = name;
    bars_->data()->clear();
    title_->setText(tr("h(V) histogram — %1, waiting for the first snapshot").arg(name));
}

void HistogramPlot::showNoHistogram(int layer, const QString& name)
{
    setLayerName(layer, name);
    title_->setText(tr("%1 was rounded to nearest: no h(V) to show").arg(name));
}

void HistogramPlot::setSnapshot(const adaround::HistogramSnapshot& s)
{
    if (s.layer != layer_ || s.counts.empty())
        return;
    int64_t total = 0;
    for (int64_t c : s.counts)
        total += c;
    const int bins = int(s.counts.size());
    const double width = 1.0 / bins;
    QVector<double> keys(bins), shares(bins);
    double top = 0;
    for (int i = 0; i < bins; ++i) {
        keys[i] = (i + 0.5) * width;
        shares[i] = total > 0 ? 100.0 * double(s.counts[size_t(i)]) / double(total) : 0.0;
        top = std::max(top, shares[i]);
    }
    bars_->setWidth(width);
    bars_->setName(tr("%1 h(V) bins of %2 weights").arg(bins).arg(QLocale().toString(qlonglong(total))));
    xAxis->setLabel(tr("h(V): 0 = down, 1 = up · %1 bins, %2 weights")
                        .arg(bins)
                        .arg(QLocale().toString(qlonglong(total))));
    bars_->setData(keys, shares, true);
    top_ = top;
    fitShareAxis();
    title_->setText(tr("h(V) of %1 at iteration %2 — %3% settled")
                        .arg(layerName_)
                        .arg(s.iteration)
                        .arg(100.0 * s.settledShare, 0, 'f', 1));
}

QString HistogramPlot::title() const { return title_->text(); }
