#include "loss_plot.h"

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

// A log axis cannot show zero (the rounding loss during warm-up): a NaN leaves
// a gap instead of a line dropping to the axis floor.
double positiveOrGap(double v) { return v > 0 && std::isfinite(v) ? v : kNaN; }

QCPGraph* makeGraph(QCustomPlot* plot, QCPAxis* y, const QString& name, const QColor& color,
                    Qt::PenStyle style = Qt::SolidLine, double width = 1.6)
{
    QCPGraph* g = plot->addGraph(plot->xAxis, y);
    g->setName(name);
    QPen pen(color, width, style);
    g->setPen(pen);
    return g;
}

double plannedIterations(const adaround::RunStarted& run)
{
    double n = 0;
    for (size_t k = 0; k < run.bits.size(); ++k)
        if (run.bits[k] > 0 && (k >= run.adaround.size() || run.adaround[k]))
            n += run.config.iterations;
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

    // Comparison runs draw beneath the main run's curves.
    addLayer(QStringLiteral("comparisons"), layer(QStringLiteral("main")), QCustomPlot::limBelow);
    // Drawn in this order: beta and the total (which hides the rounding loss
    // once that dominates) behind, the reconstruction loss on top.
    beta_ = makeGraph(this, yAxis2, tr("β (right axis)"), plotstyle::seriesColor(3), Qt::SolidLine, 1.2);
    total_ = makeGraph(this, yAxis, tr("Total"), plotstyle::seriesColor(2), Qt::SolidLine, 1.0);
    round_ = makeGraph(this, yAxis, tr("Rounding loss (λ·reg)"), plotstyle::seriesColor(1), Qt::DashLine, 1.8);
    rec_ = makeGraph(this, yAxis, tr("Reconstruction loss"), plotstyle::seriesColor(0));
    for (QCPGraph* g : {rec_, round_, total_, beta_}) { // the legend in order of interest
        g->removeFromLegend();
        g->addToLegend();
    }
    plotstyle::legendBelow(this, 4);
    setMinimumSize(360, 240);
    clearRun();
}

void LossPlot::clearRun()
{
    for (QCPGraph* g : {rec_, round_, total_, beta_})
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
    const double x = x_.startLayer(e.layer, e.iterations);
    if (e.iterations <= 0)
        return; // round-to-nearest only: no iterations to mark
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
    boundaries_.push_back({line, label, x});
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
    // Appending in key order: QCustomPlot's container takes that in O(1).
    rec_->addData(x, positiveOrGap(e.recLoss));
    round_->addData(x, positiveOrGap(e.roundLoss));
    total_->addData(x, positiveOrGap(e.total));
    beta_->addData(x, e.beta);
    include(e.recLoss);
    include(e.roundLoss);
    include(e.total);
    betaMax_ = std::max(betaMax_, e.beta);
    plannedIterations_ = std::max(plannedIterations_, x);
}

void LossPlot::addComparison(const adaround::RunRecord& r, const QString& label, const QColor& color)
{
    GlobalIterations xs;
    for (const adaround::LayerStarted& s : r.layerStarts)
        xs.startLayer(s.layer, s.iterations);
    QCPGraph* rec = makeGraph(this, yAxis, tr("%1: rec loss").arg(label), color, Qt::DashLine, 1.4);
    QCPGraph* total = makeGraph(this, yAxis, tr("%1: total").arg(label), color, Qt::DotLine, 1.4);
    rec->setLayer(QStringLiteral("comparisons"));
    total->setLayer(QStringLiteral("comparisons"));
    QVector<double> keys, recs, totals;
    keys.reserve(int(r.iterations.size()));
    for (const adaround::IterationStats& e : r.iterations) {
        keys.push_back(xs.at(e.layer, e.iteration));
        recs.push_back(positiveOrGap(e.recLoss));
        totals.push_back(positiveOrGap(e.total));
        include(e.recLoss);
        include(e.total);
    }
    rec->setData(keys, recs, true);
    total->setData(keys, totals, true);
    if (!keys.isEmpty())
        comparisonIterations_ = std::max(comparisonIterations_, keys.back());
    comparisons_.push_back(rec);
    comparisons_.push_back(total);
}

void LossPlot::clearComparisons()
{
    for (QCPGraph* g : comparisons_)
        removeGraph(g);
    comparisons_.clear();
    comparisonIterations_ = 0;
    rescanLosses();
}

// Only when curves go away; adding data updates the range incrementally.
void LossPlot::rescanLosses()
{
    lossMin_ = lossMax_ = 0;
    for (QCPGraph* g : {rec_, round_, total_})
        for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
            include(it->value);
    for (const QCPGraph* g : comparisons_)
        for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
            include(it->value);
}

void LossPlot::refresh()
{
    const double xEnd = std::max({plannedIterations_, comparisonIterations_, 1.0});
    xAxis->setRange(0, xEnd);
    if (lossMax_ > 0)
        yAxis->setRange(lossMin_ / 2, lossMax_ * 2);
    else
        yAxis->setRange(1e-4, 1);
    yAxis2->setRange(0, betaMax_ > 0 ? betaMax_ * 1.05 : 1);
    placeLabels();
}

// Layer names are hidden where they would overlap the previous visible one,
// so runs with many short layers stay legible.
void LossPlot::placeLabels()
{
    const double minGap = QFontMetricsF(font()).height() * 1.3;
    double lastShown = -1e9;
    for (const Boundary& b : boundaries_) {
        const double px = xAxis->coordToPixel(b.x);
        const bool show = px - lastShown >= minGap;
        b.label->setVisible(show);
        if (show)
            lastShown = px;
    }
}
