#include "sensitivity_chart.h"

#include "plot_interaction.h"
#include "plot_style.h"

#include <QLocale>

#include <algorithm>

namespace {

// Fewest bits hurt most: warm to cool.
QColor bitsColor(int i, int n)
{
    static const int order[] = {4, 1, 3, 0}; // red, orange, green, blue
    return i < 4 && n <= 4 ? plotstyle::seriesColor(order[i]) : plotstyle::comparisonColor(i);
}

} // namespace

SensitivityChart::SensitivityChart(QWidget* parent) : QCustomPlot(parent)
{
    title_ = plotstyle::addTitle(this, tr("Per-layer sensitivity\n(Run > Per-Layer Sensitivity and Plan)"));
    group_ = new QCPBarsGroup(this);
    group_->setSpacing(1);
    xAxis->setLabel(tr("Layer (in model order)"));
    yAxis->setLabel(tr("Top-1 drop (points), layer alone at B bits"));
    xAxis->grid()->setVisible(false);
    plotstyle::legendBelow(this, 4);
    setMinimumSize(360, 240);
    auto* interaction = PlotInteraction::install(this);
    interaction->setKeyText([this](const QCPAbstractPlottable*, double key) {
        auto names = xAxis->ticker().dynamicCast<QCPAxisTickerText>();
        return names ? names->ticks().value(std::round(key)) : QString::number(key);
    });
    interaction->setValueText([](const QCPAbstractPlottable*, double v) { return tr("drop %1 points").arg(v, 0, 'f', 2); });
}

QString SensitivityChart::titleText() const
{
    return title_->text();
}

void SensitivityChart::setReport(const adaround::SensitivityReport& r)
{
    for (QCPBars* b : bars_)
        removePlottable(b);
    bars_.clear();
    QSet<int> widths;
    for (const auto& l : r.layers)
        for (const auto& [bits, s] : l.bits)
            widths.insert(bits);
    QList<int> sorted = widths.values();
    std::sort(sorted.begin(), sorted.end());
    QSharedPointer<QCPAxisTickerText> names(new QCPAxisTickerText);
    for (size_t i = 0; i < r.layers.size(); ++i)
        names->addTick(double(i), QString::fromStdString(r.layers[i].layer.name));
    xAxis->setTicker(names);
    xAxis->setTickLabelRotation(r.layers.size() > 8 ? 60 : 0);
    const double width = 0.8 / std::max<qsizetype>(1, sorted.size());
    double lo = 0, hi = 0;
    for (int i = 0; i < sorted.size(); ++i) {
        const int bits = sorted[i];
        auto* b = new QCPBars(xAxis, yAxis);
        b->setName(tr("%1 bits").arg(bits));
        const QColor c = bitsColor(i, int(sorted.size()));
        b->setPen(QPen(c.darker(130)));
        b->setBrush(c);
        b->setWidth(width);
        b->setBarsGroup(group_);
        QVector<double> keys, drops;
        for (size_t k = 0; k < r.layers.size(); ++k) {
            const auto it = r.layers[k].bits.find(bits);
            if (it == r.layers[k].bits.end())
                continue;
            keys << double(k);
            drops << it->second.drop;
            lo = std::min(lo, it->second.drop);
            hi = std::max(hi, it->second.drop);
        }
        b->setData(keys, drops, true);
        bars_.insert(bits, b);
    }
    xAxis->setRange(-0.6, std::max<double>(0.6, double(r.layers.size()) - 0.4));
    yAxis->setRange(lo - (hi - lo) * 0.05 - 0.05, hi + (hi - lo) * 0.08 + 0.1);
    title_->setText(r.layers.empty()
                        ? tr("Per-layer sensitivity\n(Run > Per-Layer Sensitivity and Plan)")
                        : tr("Top-1 drop, each layer alone\nrounded to nearest\n%1 eval images, FP32 %2%")
                              .arg(QLocale().toString(qlonglong(r.evalImages)))
                              .arg(QLocale().toString(r.fp32.top1, 'f', 2)));
    replot(rpQueuedReplot);
}
