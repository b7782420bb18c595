#include "accuracy_plot.h"

#include "plot_interaction.h"
#include "plot_style.h"

#include <algorithm>

namespace {

QCPGraph* makeCurve(QCustomPlot* plot, const QString& name, const QColor& color, Qt::PenStyle style,
                    QCPScatterStyle::ScatterShape shape)
{
    QCPGraph* g = plot->addGraph();
    g->setName(name);
    g->setPen(QPen(color, 1.8, style));
    g->setScatterStyle(QCPScatterStyle(shape, color, color, 6));
    return g;
}

} // namespace

AccuracyPlot::AccuracyPlot(QWidget* parent) : QCustomPlot(parent)
{
    title_ = plotstyle::addTitle(this, tr("Top-1 accuracy as layers are quantized"));
    // Curves and (after the run) the final bars side by side under the title.
    content_ = new QCPLayoutGrid;
    QCPAxisRect* rect = axisRect(); // axisRect() finds it only while it is in the layout
    plotLayout()->take(rect);
    plotLayout()->simplify();
    plotLayout()->addElement(1, 0, content_);
    content_->addElement(0, 0, rect);
    margins_ = new QCPMarginGroup(this);
    barsGroup_ = new QCPBarsGroup(this);

    xAxis->setLabel(tr("Layers quantized"));
    yAxis->setLabel(tr("Top-1 on the eval subset (%)"));
    QSharedPointer<QCPAxisTickerFixed> integers(new QCPAxisTickerFixed);
    integers->setTickStep(1);
    integers->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    xAxis->setTicker(integers);

    addLayer(QStringLiteral("comparisons"), layer(QStringLiteral("main")), QCustomPlot::limBelow);
    fp32_ = addGraph();
    fp32_->setName(tr("FP32 (all eval images)"));
    fp32_->setPen(QPen(QColor(60, 60, 60), 1.4, Qt::DashLine));
    rtn_ = makeCurve(this, tr("Round to nearest"), plotstyle::seriesColor(4), Qt::SolidLine,
                     QCPScatterStyle::ssSquare);
    adaround_ = makeCurve(this, tr("AdaRound"), plotstyle::seriesColor(0), Qt::SolidLine,
                          QCPScatterStyle::ssDisc);
    plotstyle::legendBelow(this, 3);
    setMinimumSize(360, 240);
    auto* interaction = PlotInteraction::install(this);
    interaction->setKeyText([this](const QCPAbstractPlottable* p, double key) {
        if (auto names = p->keyAxis()->ticker().dynamicCast<QCPAxisTickerText>()) // the final bars
            return names->ticks().value(key);
        return tr("%n layer(s) quantized", nullptr, int(key));
    });
    interaction->setValueText([](const QCPAbstractPlottable*, double v) { return QStringLiteral("%1%").arg(v, 0, 'f', 2); });
    interaction->setResetView([this] { refresh(); });
    clearRun();
}

void AccuracyPlot::clearRun()
{
    rtn_->data()->clear();
    adaround_->data()->clear();
    fp32_->data()->clear();
    fp32Top1_.reset();
    removeFinal();
    plannedLayers_ = 0;
    rescan();
    yAxis->setLabel(tr("Top-1 on the eval subset (%)"));
}

void AccuracyPlot::reset(const adaround::RunStarted& run)
{
    clearRun();
    plannedLayers_ = int(std::count_if(run.bits.begin(), run.bits.end(), [](int b) { return b > 0; }));
    const int64_t subset = run.config.evalSubset > 0 ? std::min<int64_t>(run.config.evalSubset, run.evalImages)
                                                     : run.evalImages;
    yAxis->setLabel(tr("Top-1 on %1 eval images (%)").arg(subset));
}

void AccuracyPlot::include(double top1)
{
    low_ = std::min(low_, top1);
    high_ = std::max(high_, top1);
}

void AccuracyPlot::addPoint(const adaround::AccuracyPoint& p)
{
    rtn_->addData(p.layersDone, p.rtnTop1);
    adaround_->addData(p.layersDone, p.adaroundTop1);
    include(p.rtnTop1);
    include(p.adaroundTop1);
    layersMax_ = std::max(layersMax_, double(p.layersDone));
}

void AccuracyPlot::setFinal(const adaround::RunFinished& f)
{
    fp32Top1_ = f.fp32.top1;
    include(f.fp32.top1);
    removeFinal();

    finalRect_ = new QCPAxisRect(this);
    content_->addElement(0, 1, finalRect_);
    content_->setColumnStretchFactor(0, 3);
    content_->setColumnStretchFactor(1, 2);
    // Wide enough for its three category names side by side, at any scaling.
    const QFontMetrics metrics(font());
    finalRect_->setMinimumSize(metrics.horizontalAdvance(QStringLiteral("FP32  RTN  AdaRound")) * 3 / 2, 0);
    axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, margins_);
    finalRect_->setMarginGroup(QCP::msTop | QCP::msBottom, margins_);
    QCPAxis* x = finalRect_->axis(QCPAxis::atBottom);
    QCPAxis* y = finalRect_->axis(QCPAxis::atLeft);
    QSharedPointer<QCPAxisTickerText> names(new QCPAxisTickerText);
    names->addTick(1, tr("FP32"));
    names->addTick(2, tr("RTN"));
    names->addTick(3, tr("AdaRound"));
    x->setTicker(names);
    x->setRange(0.4, 3.6);
    x->setLabel(tr("Final, %1 images").arg(f.fp32.count));
    y->setLabel(tr("Accuracy (%)"));
    y->setRange(0, 112); // headroom for the value labels above 100 % bars
    QSharedPointer<QCPAxisTickerFixed> tens(new QCPAxisTickerFixed);
    tens->setTickStep(20);
    y->setTicker(tens);

    const double values[2][3] = {{f.fp32.top1, f.rtn.top1, f.adaround.top1},
                                 {f.fp32.top5, f.rtn.top5, f.adaround.top5}};
    QCPBars* bars[2];
    for (int k = 0; k < 2; ++k) {
        bars[k] = new QCPBars(x, y);
        bars[k]->setName(k == 0 ? tr("Final top-1") : tr("Final top-5"));
        const QColor c = k == 0 ? plotstyle::seriesColor(0) : plotstyle::seriesColor(0).lighter(160);
        bars[k]->setBrush(c);
        bars[k]->setPen(QPen(c.darker(130), 0.5));
        bars[k]->setWidth(0.36);
        bars[k]->setBarsGroup(barsGroup_);
        bars[k]->setData({1, 2, 3}, {values[k][0], values[k][1], values[k][2]}, true);
    }
    top1_ = bars[0];
    top5_ = bars[1];
    // Top-1 values written inside their bars, upright: the differences that
    // matter are small, and side by side the labels would run together.
    for (int i = 0; i < 3; ++i) {
        auto* label = new QCPItemText(this);
        label->setClipAxisRect(finalRect_);
        label->position->setAxes(x, y);
        label->position->setCoords(i + 1 - 0.19, values[0][i] - 3);
        label->setPositionAlignment(Qt::AlignRight | Qt::AlignVCenter);
        label->setRotation(-90);
        label->setColor(Qt::white);
        label->setText(QString::number(values[0][i], 'f', 1));
        QFont small = font();
        small.setPointSizeF(font().pointSizeF() * 0.85);
        label->setFont(small);
        finalLabels_.push_back(label);
    }
}

void AccuracyPlot::removeFinal()
{
    if (!finalRect_)
        return;
    for (QCPItemText* label : finalLabels_)
        removeItem(label);
    finalLabels_.clear();
    removePlottable(top1_);
    removePlottable(top5_);
    top1_ = top5_ = nullptr;
    content_->remove(finalRect_);
    content_->simplify();
    finalRect_ = nullptr;
}

void AccuracyPlot::addComparison(const adaround::RunRecord& r, const QString& label, const QColor& color)
{
    QCPGraph* g = makeCurve(this, tr("%1: AdaRound").arg(label), color, Qt::DashLine, QCPScatterStyle::ssCircle);
    g->setLayer(QStringLiteral("comparisons"));
    for (const adaround::AccuracyPoint& p : r.progress) {
        g->addData(p.layersDone, p.adaroundTop1);
        include(p.adaroundTop1);
        layersMax_ = std::max(layersMax_, double(p.layersDone));
    }
    comparisons_.push_back(g);
}

void AccuracyPlot::clearComparisons()
{
    for (QCPGraph* g : comparisons_)
        removeGraph(g);
    comparisons_.clear();
    rescan();
}

// Only when curves go away; adding data updates the ranges incrementally.
void AccuracyPlot::rescan()
{
    low_ = 100;
    high_ = 0;
    layersMax_ = 0;
    if (fp32Top1_)
        include(*fp32Top1_);
    std::vector<QCPGraph*> curves = comparisons_;
    curves.push_back(rtn_);
    curves.push_back(adaround_);
    for (const QCPGraph* g : curves)
        for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) {
            include(it->value);
            layersMax_ = std::max(layersMax_, it->key);
        }
}

void AccuracyPlot::refresh()
{
    const double last = std::max({double(plannedLayers_), layersMax_, 1.0});
    if (!PlotInteraction::of(this)->userView()) // a zoom of the user's stays until reset
        xAxis->setRange(0, last + 0.3);
    fp32_->data()->clear();
    if (fp32Top1_)
        fp32_->setData({0, last + 0.3}, {*fp32Top1_, *fp32Top1_}, true);
    if (high_ >= low_)
        yAxis->setRange(std::max(0.0, low_ - 3), std::min(100.0, high_ + 3));
    else
        yAxis->setRange(0, 100);
}
