#include "beta_schedule_plot.h"

#include "plot_interaction.h"

#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

namespace {
constexpr int kSamples = 200; // plenty for a smooth curve at any iteration count
}

BetaSchedulePlot::BetaSchedulePlot(QWidget* parent) : QWidget(parent), plot_(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    setMinimumHeight(160);

    plot_->plotLayout()->insertRow(0);
    plot_->plotLayout()->addElement(0, 0, new QCPTextElement(plot_, tr("β schedule"), QFont(font().family(), -1, QFont::Bold)));
    plot_->xAxis->setLabel(tr("iteration (per layer)"));
    plot_->yAxis->setLabel(tr("β"));
    plot_->addGraph();
    plot_->graph(0)->setPen(QPen(QColor(31, 119, 180), 2));
    plot_->graph(0)->setName(tr("β"));

    warmup_ = new QCPItemRect(plot_);
    warmup_->setPen(Qt::NoPen);
    warmup_->setBrush(QColor(255, 160, 0, 60));
    warmup_->topLeft->setTypeX(QCPItemPosition::ptPlotCoords);
    warmup_->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
    warmup_->bottomRight->setTypeX(QCPItemPosition::ptPlotCoords);
    warmup_->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
    warmup_->topLeft->setCoords(0, 0);
    warmup_->bottomRight->setCoords(0, 1);
    warmup_->setLayer(QStringLiteral("background"));
    auto* label = new QCPItemText(plot_);
    label->setText(tr("warm-up: no rounding loss"));
    label->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    label->position->setCoords(0.98, 0.05);
    label->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
    label->setColor(QColor(170, 100, 0));

    markerLine_ = new QCPItemStraightLine(plot_);
    markerLine_->setPen(QPen(QColor(214, 39, 40), 1.5));
    markerDot_ = new QCPItemTracer(plot_);
    markerDot_->setStyle(QCPItemTracer::tsCircle);
    markerDot_->setSize(9);
    markerDot_->setPen(QPen(QColor(214, 39, 40), 1.5));
    markerDot_->setBrush(QColor(214, 39, 40));
    clearMarker();

    auto* interaction = PlotInteraction::install(plot_);
    interaction->setKeyText([](const QCPAbstractPlottable*, double i) {
        return tr("iteration %1").arg(QLocale().toString(qlonglong(std::llround(i))));
    });
    interaction->setValueText([](const QCPAbstractPlottable*, double beta) { return QString::number(beta, 'f', 2); });
    interaction->setResetView([this] {
        plot_->xAxis->setRange(keys_.isEmpty() ? 0 : keys_.front(), keys_.isEmpty() ? 1 : keys_.back());
    });
}

void BetaSchedulePlot::setSchedule(const adaround::AnnealingSchedule& s)
{
    keys_.clear();
    values_.clear();
    const int n = std::max(1, s.iterations);
    const int step = std::max(1, n / kSamples);
    for (int i = 0; i <= n; i += step) {
        keys_.append(i);
        values_.append(s.beta(i));
    }
    if (keys_.back() != n) {
        keys_.append(n);
        values_.append(s.beta(n));
    }
    warmupEnd_ = int(s.warmup * s.iterations);
    plot_->graph(0)->setData(keys_, values_, true);
    warmup_->topLeft->setCoords(0, 0);
    warmup_->bottomRight->setCoords(warmupEnd_, 1);
    plot_->xAxis->setRange(0, n);
    const double top = std::max(s.betaStart, s.betaEnd);
    plot_->yAxis->setRange(0, top * 1.1 + 0.5);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void BetaSchedulePlot::setMarker(int iteration, double beta)
{
    marker_ = iteration;
    markerBeta_ = beta;
    markerLine_->point1->setCoords(iteration, 0);
    markerLine_->point2->setCoords(iteration, 1);
    markerDot_->position->setCoords(iteration, beta);
    markerLine_->setVisible(true);
    markerDot_->setVisible(true);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void BetaSchedulePlot::clearMarker()
{
    marker_ = -1;
    markerBeta_ = 0;
    markerLine_->setVisible(false);
    markerDot_->setVisible(false);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}
