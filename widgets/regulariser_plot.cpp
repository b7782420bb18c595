#include "regulariser_plot.h"

#include "adaround/rounding_relaxation.h"
#include "plot_interaction.h"
#include "plot_style.h"

#include <algorithm>

namespace {

QVector<double> curve(double beta, QVector<double>* keys)
{
    const int n = RegulariserPlot::kPoints;
    QVector<double> values(n);
    if (keys)
        keys->resize(n);
    for (int i = 0; i < n; ++i) {
        const double h = double(i) / (n - 1);
        if (keys)
            (*keys)[i] = h;
        values[i] = adaround::roundingRegulariser(h, beta);
    }
    return values;
}

const QColor kCurrent(214, 39, 40);
const QColor kOff(150, 150, 150);

} // namespace

QVector<double> RegulariserPlot::referenceBetas()
{
    return {20, 10, 5, 2};
}

RegulariserPlot::RegulariserPlot(QWidget* parent) : QCustomPlot(parent)
{
    title_ = plotstyle::addTitle(this, QString());
    xAxis->setLabel(tr("h(V) (0 = round down, 1 = round up)"));
    yAxis->setLabel(tr("f_reg(h)"));
    yAxis2->setLabel(tr("Weights (%)"));
    yAxis2->setVisible(true);
    xAxis->setRange(0, 1);
    yAxis->setRange(0, 1.08);

    // The histogram first, so the curves are drawn over it.
    bars_ = new QCPBars(xAxis, yAxis2);
    bars_->setName(tr("h(V) histogram (right axis)"));
    bars_->setPen(QPen(plotstyle::seriesColor(0).lighter(120), 0.5));
    bars_->setBrush(QColor(31, 119, 180, 90));

    const QVector<double> betas = referenceBetas();
    for (int i = 0; i < betas.size(); ++i) {
        QCPGraph* g = addGraph();
        g->setName(tr("β = %1").arg(betas[i]));
        // Light to dark as β falls, the order the schedule visits them.
        const int shade = 190 - 40 * i;
        g->setPen(QPen(QColor(shade, shade, std::min(255, shade + 40)), 1));
        QVector<double> keys;
        const QVector<double> values = curve(betas[i], &keys);
        g->setData(keys, values, true);
        references_.append(g);
    }
    current_ = addGraph();
    current_->setPen(QPen(kCurrent, 3));

    offLabel_ = new QCPItemText(this);
    offLabel_->position->setType(QCPItemPosition::ptAxisRectRatio);
    offLabel_->position->setCoords(0.5, 0.04);
    offLabel_->setPositionAlignment(Qt::AlignHCenter | Qt::AlignTop);
    offLabel_->setColor(QColor(170, 100, 0));
    offLabel_->setBrush(QColor(255, 244, 206, 230));
    offLabel_->setPadding(QMargins(6, 3, 6, 3));
    QFont bold = font();
    bold.setBold(true);
    offLabel_->setFont(bold);

    plotstyle::legendBelow(this, 3);
    setMinimumSize(300, 220);
    auto* interaction = PlotInteraction::install(this);
    interaction->setKeyText([](const QCPAbstractPlottable*, double h) { return tr("h = %1").arg(h, 0, 'f', 3); });
    interaction->setValueText([this](const QCPAbstractPlottable* p, double v) {
        return p == bars_ ? tr("%1% of the weights").arg(v, 0, 'g', 3) : QString::number(v, 'f', 3);
    });
    clearCurrent();
    clearHistogram();
}

void RegulariserPlot::setCurrent(double beta, bool regularised, const QString& offText)
{
    if (!hasCurrent_ || beta != beta_)
        curveDirty_ = true;
    beta_ = beta;
    hasCurrent_ = true;
    regularised_ = regularised;
    current_->setVisible(true);
    current_->addToLegend();
    if (regularised) {
        current_->setName(tr("current β = %1").arg(beta, 0, 'f', 2));
        current_->setPen(QPen(kCurrent, 3));
        offLabel_->setVisible(false);
    } else {
        current_->setName(tr("β = %1, not applied yet").arg(beta, 0, 'f', 2));
        current_->setPen(QPen(kOff, 3, Qt::DashLine));
        offLabel_->setText(offText.isEmpty() ? tr("warm-up: no regulariser (only the reconstruction loss)") : offText);
        offLabel_->setVisible(true);
    }
}

void RegulariserPlot::clearCurrent()
{
    hasCurrent_ = false;
    regularised_ = false;
    beta_ = 0;
    current_->data()->clear();
    current_->setVisible(false);
    current_->removeFromLegend();
    offLabel_->setVisible(false);
}

bool RegulariserPlot::warmupLabelShown() const
{
    return offLabel_->visible();
}

void RegulariserPlot::setHistogram(const adaround::HistogramSnapshot& s, const QString& layer)
{
    int64_t total = 0;
    for (int64_t c : s.counts)
        total += c;
    const int bins = int(s.counts.size());
    if (bins == 0)
        return clearHistogram();
    const double width = 1.0 / bins;
    QVector<double> keys(bins), shares(bins);
    double top = 0;
    for (int i = 0; i < bins; ++i) {
        keys[i] = (i + 0.5) * width;
        shares[i] = total > 0 ? 100.0 * double(s.counts[size_t(i)]) / double(total) : 0.0;
        top = std::max(top, shares[i]);
    }
    bars_->setWidth(width);
    bars_->setData(keys, shares, true);
    yAxis2->setRange(0, top > 0 ? top * 1.1 : 100);
    title_->setText(tr("f_reg(h) = 1 − |2h − 1|^β and h(V) of %1, iteration %2 (%3% settled)")
                        .arg(layer, QLocale().toString(s.iteration))
                        .arg(100.0 * s.settledShare, 0, 'f', 0));
}

void RegulariserPlot::clearHistogram(const QString& title)
{
    bars_->data()->clear();
    yAxis2->setRange(0, 100);
    title_->setText(title.isEmpty() ? tr("Rounding regulariser f_reg(h) = 1 − |2h − 1|^β") : title);
}

void RegulariserPlot::redraw()
{
    if (curveDirty_ && hasCurrent_) {
        QVector<double> keys;
        const QVector<double> values = curve(beta_, &keys);
        current_->setData(keys, values, true);
    }
    curveDirty_ = false;
    replot(QCustomPlot::rpQueuedReplot);
}

QString RegulariserPlot::title() const
{
    return title_->text();
}
