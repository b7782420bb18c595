#include "lab_plots.h"

#include "plot_interaction.h"
#include "plot_style.h"

#include <QGridLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace {

QCustomPlot* makePlot(QWidget* parent, const QString& title, const QString& x, const QString& y)
{
    auto* p = new QCustomPlot(parent);
    plotstyle::addTitle(p, title);
    p->xAxis->setLabel(x);
    p->yAxis->setLabel(y);
    p->setMinimumSize(320, 220);
    PlotInteraction::install(p);
    return p;
}

} // namespace

LabPlots::LabPlots(QWidget* parent) : QWidget(parent)
{
    loss_ = makePlot(this, tr("Reconstruction loss"), tr("Iteration"), tr("Rec loss (MSE, log)"));
    loss_->yAxis->setScaleType(QCPAxis::stLogarithmic);
    loss_->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTickerLog));
    loss_->yAxis->setNumberFormat(QStringLiteral("eb")); // 10^-2, as the dashboard's loss plot
    loss_->yAxis->setNumberPrecision(0);
    settled_ = makePlot(this, tr("Settled h(V) over iterations"), tr("Iteration"), tr("Within 0.01 of 0 or 1 (%)"));
    histogram_ = makePlot(this, tr("Final h(V)"), tr("h(V)"), tr("Weights (%)"));
    mse_ = makePlot(this, tr("Rec MSE against round-to-nearest"), tr("Attempt"), tr("Output MSE"));
    for (QCustomPlot* p : {loss_, settled_, histogram_, mse_})
        plotstyle::legendBelow(p, 3);
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(loss_, 0, 0);
    grid->addWidget(settled_, 0, 1);
    grid->addWidget(histogram_, 1, 0);
    grid->addWidget(mse_, 1, 1);
}

void LabPlots::addCurves(const adaround::LabAttempt& a, const QColor& color, const QString& name, bool live)
{
    QPen pen(color, live ? 1.5 : 2.0, live ? Qt::DashLine : Qt::SolidLine);
    QCPGraph* loss = loss_->addGraph();
    loss->setName(name);
    loss->setPen(pen);
    for (const auto& s : a.stats)
        if (s.recLoss > 0)
            loss->addData(s.iteration, s.recLoss);
    QCPGraph* settled = settled_->addGraph();
    settled->setName(name);
    settled->setPen(pen);
    for (const auto& h : a.histograms)
        settled->addData(h.iteration, 100.0 * h.settledShare);
    if (a.histograms.empty())
        return;
    // The last histogram as a step line: the share of weights per bin.
    const auto& counts = a.histograms.back().counts;
    double total = 0;
    for (int64_t c : counts)
        total += double(c);
    QCPGraph* hist = histogram_->addGraph();
    hist->setName(name);
    hist->setPen(pen);
    hist->setLineStyle(QCPGraph::lsStepCenter);
    const double width = 1.0 / double(std::max<size_t>(1, counts.size()));
    for (size_t i = 0; i < counts.size(); ++i)
        hist->addData((double(i) + 0.5) * width, total > 0 ? 100.0 * double(counts[i]) / total : 0.0);
}

void LabPlots::drawMseBars(const std::vector<LabAttemptsModel::Entry>& entries, double rtnRecMse)
{
    auto* soft = new QCPBars(mse_->xAxis, mse_->yAxis);
    auto* hard = new QCPBars(mse_->xAxis, mse_->yAxis);
    soft->setName(tr("soft h(V)"));
    hard->setName(tr("hard 0/1 rounding"));
    soft->setBrush(QColor(200, 200, 200));
    soft->setPen(QPen(Qt::gray));
    hard->setBrush(plotstyle::seriesColor(0));
    hard->setPen(QPen(plotstyle::seriesColor(0).darker(130)));
    soft->setWidth(0.35);
    hard->setWidth(0.35);
    QSharedPointer<QCPAxisTickerText> ticks(new QCPAxisTickerText);
    double top = rtnRecMse;
    for (const auto& e : entries) {
        if (!e.shown)
            continue;
        const double x = e.number;
        soft->addData(x - 0.19, e.attempt->summary.recMseSoft);
        hard->addData(x + 0.19, e.attempt->summary.recMseHard);
        ticks->addTick(x, QString::number(e.number));
        top = std::max({top, e.attempt->summary.recMseSoft, e.attempt->summary.recMseHard});
    }
    mse_->xAxis->setTicker(ticks);
    const double last = entries.empty() ? 1 : double(entries.back().number);
    mse_->xAxis->setRange(0.4, last + 0.6);
    if (rtnRecMse > 0) {
        QCPGraph* rtn = mse_->addGraph();
        rtn->setName(tr("round-to-nearest"));
        rtn->setPen(QPen(plotstyle::seriesColor(4), 2.0, Qt::DashLine));
        rtn->addData(0.4, rtnRecMse);
        rtn->addData(last + 0.6, rtnRecMse);
    }
    mse_->yAxis->setRange(0, top > 0 ? top * 1.15 : 1);
}

void LabPlots::showAttempts(const std::vector<LabAttemptsModel::Entry>& entries, const adaround::LabAttempt* live,
                            int liveNumber, double rtnRecMse)
{
    for (QCustomPlot* p : {loss_, settled_, histogram_, mse_}) {
        p->clearGraphs();
        p->clearPlottables();
    }
    for (const auto& e : entries)
        if (e.shown)
            addCurves(*e.attempt, LabAttemptsModel::colorOf(e), QString::number(e.number), false);
    if (live)
        addCurves(*live, plotstyle::seriesColor(liveNumber - 1), tr("%1 (running)").arg(liveNumber), true);
    drawMseBars(entries, rtnRecMse);
    loss_->rescaleAxes();
    // Whole decades, so the log axis always carries labelled ticks.
    const QCPRange r = loss_->yAxis->range();
    if (r.lower > 0)
        loss_->yAxis->setRange(std::pow(10.0, std::floor(std::log10(r.lower))),
                               std::pow(10.0, std::ceil(std::log10(r.upper))));
    settled_->rescaleAxes();
    settled_->yAxis->setRange(0, 100);
    histogram_->rescaleAxes();
    histogram_->xAxis->setRange(0, 1);
    histogram_->yAxis->setRangeLower(0);
    for (QCustomPlot* p : {loss_, settled_, histogram_, mse_})
        p->replot(QCustomPlot::rpQueuedReplot);
}
