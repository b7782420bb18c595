#include "accuracy_plot.h"

#include "plot_interaction.h"
#include "plot_style.h"

#include <algorithm>

namespace {

QCPGraph* makeCurve(QCustomPlot* plot, const QColor& color, Qt::PenStyle style, QCPScatterStyle::ScatterShape shape)
{
    QCPGraph* g = plot->addGraph();
    g->setPen(QPen(color, 1.8, style));
    g->setScatterStyle(QCPScatterStyle(shape, color, color, 6));
    return g;
}

QCPGraph* makeLevel(QCustomPlot* plot, const QColor& color, Qt::PenStyle style)
{
    QCPGraph* g = plot->addGraph();
    g->setPen(QPen(color, 1.4, style));
    return g;
}

// The curve's images of a run: the measured subset, else what the config asked for.
int64_t subsetOf(const adaround::RunStarted& run, const std::optional<adaround::SubsetBaseline>& baseline)
{
    if (baseline)
        return baseline->fp32.count;
    return run.config.evalSubset > 0 ? std::min<int64_t>(run.config.evalSubset, run.evalImages) : run.evalImages;
}

} // namespace

AccuracyPlot::AccuracyPlot(QWidget* parent) : QCustomPlot(parent)
{
    title_ = plotstyle::addTitle(this, tr("Top-1 accuracy as layers are quantized"));
    // Curves and (with full-set figures) the bar panel side by side under the title.
    content_ = new QCPLayoutGrid;
    QCPAxisRect* rect = axisRect(); // axisRect() finds it only while it is in the layout
    plotLayout()->take(rect);
    plotLayout()->simplify();
    plotLayout()->addElement(1, 0, content_);
    content_->addElement(0, 0, rect);
    margins_ = new QCPMarginGroup(this);
    barsGroup_ = new QCPBarsGroup(this);

    xAxis->setLabel(tr("Layers quantized"));
    QSharedPointer<QCPAxisTickerFixed> integers(new QCPAxisTickerFixed);
    integers->setTickStep(1);
    integers->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    xAxis->setTicker(integers);

    addLayer(QStringLiteral("comparisons"), layer(QStringLiteral("main")), QCustomPlot::limBelow);
    fp32_ = makeLevel(this, QColor(60, 60, 60), Qt::DashLine);
    rtnPlan_ = makeLevel(this, plotstyle::seriesColor(4), Qt::DotLine);
    rtn_ = makeCurve(this, plotstyle::seriesColor(4), Qt::SolidLine, QCPScatterStyle::ssSquare);
    adaround_ = makeCurve(this, plotstyle::seriesColor(0), Qt::SolidLine, QCPScatterStyle::ssDisc);
    plotstyle::legendBelow(this, 2);
    // A laptop-sized plot is ~170 px tall: a smaller legend leaves the curves room.
    QFont legendFont = font();
    legendFont.setPointSizeF(font().pointSizeF() * 0.85);
    legend->setFont(legendFont);
    legend->setIconSize(20, 10);
    legend->setRowSpacing(0);
    // The legend's caption, in the row above it: the count once, not in every
    // entry (entries that name it do not fit two columns of a laptop-sized plot).
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.9);
    caption_ = new QCPTextElement(this, QString(), small);
    caption_->setMargins(QMargins(4, 2, 4, 0));
    const int legendRow = plotLayout()->rowCount() - 1;
    plotLayout()->insertRow(legendRow);
    plotLayout()->addElement(legendRow, 0, caption_);
    plotLayout()->setRowStretchFactor(legendRow, 0.001);
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

// Every line on the curve axes is measured on the same images: the axis and
// the legend's caption say how many.
void AccuracyPlot::nameCurves()
{
    fp32_->setName(tr("FP32"));
    rtnPlan_->setName(tr("RTN, all layers"));
    rtn_->setName(tr("RTN so far"));
    adaround_->setName(tr("AdaRound so far"));
    // Short: a laptop-sized plot's axis is ~100 px tall; the caption names the images.
    yAxis->setLabel(tr("Top-1 (%)"));
    updateCaption();
}

void AccuracyPlot::updateCaption()
{
    QString text = subsetImages_ > 0 ? tr("Lines: top-1 on the same %L1 eval images").arg(subsetImages_)
                                     : tr("Lines: top-1 on the eval subset");
    if (fullSetImages_ > 0)
        text += tr(" · bars: all %L1").arg(fullSetImages_);
    caption_->setText(text);
}

void AccuracyPlot::clearRun()
{
    rtn_->data()->clear();
    adaround_->data()->clear();
    fp32_->data()->clear();
    rtnPlan_->data()->clear();
    fp32_->removeFromLegend(); // until a baseline is known: no empty entries
    rtnPlan_->removeFromLegend();
    baseline_.reset();
    if (note_) {
        removeItem(note_);
        note_ = nullptr;
    }
    removeFinal();
    plannedLayers_ = 0;
    subsetImages_ = 0;
    nameCurves();
    rescan();
}

void AccuracyPlot::reset(const adaround::RunStarted& run)
{
    clearRun();
    plannedLayers_ = int(std::count_if(run.bits.begin(), run.bits.end(), [](int b) { return b > 0; }));
    subsetImages_ = subsetOf(run, {});
    nameCurves();
}

void AccuracyPlot::setBaseline(const adaround::SubsetBaseline& b)
{
    baseline_ = b;
    subsetImages_ = b.fp32.count;
    fp32_->addToLegend();
    rtnPlan_->addToLegend();
    nameCurves();
    include(b.fp32.top1);
    include(b.rtn.top1);
}

void AccuracyPlot::showNote(const QString& text)
{
    if (!note_) {
        note_ = new QCPItemText(this);
        note_->setClipAxisRect(axisRect());
        note_->position->setType(QCPItemPosition::ptAxisRectRatio);
        note_->position->setAxisRect(axisRect());
        note_->position->setCoords(0.02, 0.03);
        note_->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        note_->setColor(QColor(90, 90, 90));
    }
    note_->setText(text);
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
    // A run sends its baseline before the first point: a log without one predates it.
    if (!baseline_ && !note_)
        showNote(tr("No FP32 / RTN on these images:\nthe log was written\nbefore they were measured"));
}

void AccuracyPlot::setFinal(const adaround::RunFinished& f)
{
    showFullSet({{tr("FP32"), f.fp32}, {tr("RTN"), f.rtn}, {tr("AdaRound"), f.adaround}},
                tr("Final, all %L1").arg(f.fp32.count), f.fp32.count);
}

void AccuracyPlot::setEvaluation(const adaround::Accuracy& fp32, const adaround::Accuracy& rtn, int64_t images)
{
    showFullSet({{tr("FP32"), fp32}, {tr("RTN"), rtn}}, tr("No AdaRound: all %L1").arg(images), images);
    // Short lines: the line panel is narrow beside the bars.
    showNote(tr("No AdaRound run yet:\nFP32 and RTN at these\nbits are on the right"));
}

void AccuracyPlot::showFullSet(const std::vector<FullSetBar>& figures, const QString& caption, int64_t images)
{
    removeFinal();
    finalRect_ = new QCPAxisRect(this);
    content_->addElement(0, 1, finalRect_);
    content_->setColumnStretchFactor(0, 2);
    content_->setColumnStretchFactor(1, 1);
    // Wide enough for three category names side by side, at any scaling.
    const QFontMetrics metrics(font());
    finalRect_->setMinimumSize(metrics.horizontalAdvance(QStringLiteral("FP32  RTN  AdaRound")) * 6 / 5, 0);
    axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, margins_);
    finalRect_->setMarginGroup(QCP::msTop | QCP::msBottom, margins_);
    QCPAxis* x = finalRect_->axis(QCPAxis::atBottom);
    QCPAxis* y = finalRect_->axis(QCPAxis::atLeft);
    QSharedPointer<QCPAxisTickerText> names(new QCPAxisTickerText);
    QVector<double> keys;
    for (size_t i = 0; i < figures.size(); ++i) {
        keys.push_back(double(i + 1));
        names->addTick(double(i + 1), figures[i].name);
    }
    x->setTicker(names);
    x->setRange(0.4, 3.6); // three slots whatever is shown, so bars keep their width
    // Top-1 and top-5 are told apart by the axis label, not legend entries:
    // the legend is for the lines, and two more rows would squeeze them.
    x->setLabel(tr("%1\ndark top-1, light top-5").arg(caption));
    y->setLabel(tr("Accuracy (%)"));
    y->setRange(0, 112); // headroom for the value labels above 100 % bars
    QSharedPointer<QCPAxisTickerFixed> tens(new QCPAxisTickerFixed);
    tens->setTickStep(20);
    y->setTicker(tens);

    QCPBars* bars[2];
    for (int k = 0; k < 2; ++k) {
        bars[k] = new QCPBars(x, y);
        bars[k]->setName((k == 0 ? tr("Top-1 (all %L1)") : tr("Top-5 (all %L1)")).arg(images));
        const QColor c = k == 0 ? plotstyle::seriesColor(0) : plotstyle::seriesColor(0).lighter(160);
        bars[k]->setBrush(c);
        bars[k]->setPen(QPen(c.darker(130), 0.5));
        bars[k]->setWidth(0.36);
        bars[k]->setBarsGroup(barsGroup_);
        QVector<double> values;
        for (const FullSetBar& f : figures)
            values.push_back(k == 0 ? f.accuracy.top1 : f.accuracy.top5);
        bars[k]->setData(keys, values, true);
        bars[k]->removeFromLegend();
    }
    top1_ = bars[0];
    top5_ = bars[1];
    // Top-1 values written inside their bars, upright: the differences that
    // matter are small, and side by side the labels would run together.
    for (size_t i = 0; i < figures.size(); ++i) {
        auto* label = new QCPItemText(this);
        label->setClipAxisRect(finalRect_);
        label->position->setAxes(x, y);
        label->position->setCoords(double(i + 1) - 0.19, figures[i].accuracy.top1 - 3);
        label->setPositionAlignment(Qt::AlignRight | Qt::AlignVCenter);
        label->setRotation(-90);
        label->setColor(Qt::white);
        label->setText(QString::number(figures[i].accuracy.top1, 'f', 1));
        QFont small = font();
        small.setPointSizeF(font().pointSizeF() * 0.85);
        label->setFont(small);
        finalLabels_.push_back(label);
    }
    fullSetImages_ = images;
    updateCaption();
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
    fullSetImages_ = 0;
    updateCaption();
}

void AccuracyPlot::addComparison(const adaround::RunRecord& r, const QString& label, const QColor& color)
{
    QCPGraph* g = makeCurve(this, color, Qt::DashLine, QCPScatterStyle::ssCircle);
    // The images are named only where they are not the caption's.
    const int64_t images = subsetOf(r.started, r.baseline);
    g->setName(images == subsetImages_ ? tr("%1: AdaRound").arg(label)
                                       : tr("%1: AdaRound (%L2 images)").arg(label).arg(images));
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
    if (baseline_) {
        include(baseline_->fp32.top1);
        include(baseline_->rtn.top1);
    }
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
    rtnPlan_->data()->clear();
    if (baseline_) {
        fp32_->setData({0, last + 0.3}, {baseline_->fp32.top1, baseline_->fp32.top1}, true);
        rtnPlan_->setData({0, last + 0.3}, {baseline_->rtn.top1, baseline_->rtn.top1}, true);
    }
    if (high_ >= low_)
        yAxis->setRange(std::max(0.0, low_ - 3), std::min(100.0, high_ + 3));
    else
        yAxis->setRange(0, 100);
}
