#include "study_scatter_plot.h"

#include "plot_interaction.h"
#include "plot_style.h"

#include <algorithm>
#include <cmath>

namespace {

QCPGraph* points(QCustomPlot* plot, const QString& name, const QColor& color, QCPScatterStyle::ScatterShape shape,
                 double size)
{
    QCPGraph* g = plot->addGraph();
    g->setName(name);
    g->setLineStyle(QCPGraph::lsNone);
    g->setScatterStyle(QCPScatterStyle(shape, color, color, size));
    return g;
}

} // namespace

StudyScatterPlot::StudyScatterPlot(QWidget* parent) : QCustomPlot(parent)
{
    title_ = plotstyle::addTitle(this, tr("Top-1 against the layer's output error"));
    xAxis->setLabel(tr("Rec MSE of the layer's output (per element, calibration images)"));
    yAxis->setLabel(tr("Top-1 accuracy (%)"));
    samples_ = points(this, tr("stochastic roundings"), plotstyle::seriesColor(1), QCPScatterStyle::ssCircle, 6);
    nearest_ = points(this, tr("round-to-nearest"), plotstyle::seriesColor(4), QCPScatterStyle::ssSquare, 10);
    adaround_ = points(this, tr("AdaRound"), plotstyle::seriesColor(0), QCPScatterStyle::ssDiamond, 12);
    plotstyle::legendBelow(this, 3);
    setMinimumSize(360, 240);
    auto* interaction = PlotInteraction::install(this, Qt::Horizontal | Qt::Vertical);
    interaction->setKeyText([](const QCPAbstractPlottable*, double key) { return tr("rec MSE %1").arg(key, 0, 'g', 3); });
    interaction->setValueText([](const QCPAbstractPlottable*, double v) { return tr("top-1 %1%").arg(v, 0, 'f', 2); });
}

QString StudyScatterPlot::titleText() const
{
    return title_->text();
}

void StudyScatterPlot::setRecord(const adaround::StudyRecord& r)
{
    // Sorted by key: the points of a scatter are independent, QCustomPlot wants keys in order.
    std::vector<std::pair<double, double>> pts;
    for (const auto& s : r.samples)
        pts.emplace_back(s.point.recMse, s.point.top1);
    std::sort(pts.begin(), pts.end());
    QVector<double> x, y;
    for (const auto& [k, v] : pts)
        x.push_back(k), y.push_back(v);
    samples_->setData(x, y, true);
    nearest_->data()->clear();
    adaround_->data()->clear();
    if (r.baseline) {
        nearest_->setData({r.baseline->rtn.recMse}, {r.baseline->rtn.top1});
        x.push_back(r.baseline->rtn.recMse), y.push_back(r.baseline->rtn.top1);
    }
    adaround_->removeFromLegend();
    if (r.adaround) {
        adaround_->setData({r.adaround->point.recMse}, {r.adaround->point.top1});
        adaround_->addToLegend();
        x.push_back(r.adaround->point.recMse), y.push_back(r.adaround->point.top1);
    }
    if (!x.isEmpty()) {
        const auto [xl, xh] = std::minmax_element(x.begin(), x.end());
        const auto [yl, yh] = std::minmax_element(y.begin(), y.end());
        const double dx = std::max((*xh - *xl) * 0.08, std::abs(*xh) * 0.02 + 1e-12);
        const double dy = std::max((*yh - *yl) * 0.08, 0.25);
        xAxis->setRange(std::max(0.0, *xl - dx), *xh + dx);
        yAxis->setRange(*yl - dy, *yh + dy);
    }
    const adaround::StudyStatistics st =
        r.baseline ? adaround::studyStatistics(r.baseline->rtn, r.samples) : adaround::StudyStatistics{};
    title_->setText(std::isfinite(st.correlation) && r.baseline
                        ? tr("Top-1 vs the layer's output error: r = %1 (%2 roundings)")
                              .arg(st.correlation, 0, 'f', 2)
                              .arg(r.samples.size())
                        : tr("Top-1 against the layer's output error"));
    replot(QCustomPlot::rpQueuedReplot);
}
