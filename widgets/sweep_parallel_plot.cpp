#include "sweep_parallel_plot.h"

#include "plot_style.h"
#include "sweep_results.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

namespace {

constexpr double kPad = 0.06; // room below the axes' ends (and above, with their names: twice)

// Where VALUE sits on KNOB's axis, 0..1.
double axisHeight(const sweepresults::Knob& k, const QString& value)
{
    const int i = k.indexOf(value);
    if (i < 0)
        return NAN;
    if (!k.numeric || k.numbers.front() == k.numbers.back())
        return k.values.size() > 1 ? double(i) / (k.values.size() - 1) : 0.5;
    const double v = k.numbers[size_t(i)], a = k.numbers.front(), b = k.numbers.back();
    return k.logScale ? std::log(v / a) / std::log(b / a) : (v - a) / (b - a);
}

} // namespace

SweepParallelPlot::SweepParallelPlot(QWidget* parent) : QCustomPlot(parent)
{
    title_ = plotstyle::addTitle(this, tr("Parallel coordinates"));
    scale_ = plotstyle::addColorScaleBeside(this, tr("AdaRound top-1 (%)"));
    scale_->setGradient(plotstyle::viridis());
    // The plot's own axes are hidden: each knob's axis is drawn as items.
    for (QCPAxis* a : {xAxis, yAxis}) {
        a->setVisible(false);
        a->grid()->setVisible(false);
    }
    yAxis->setRange(-kPad, 1 + 2 * kPad);
    legend->setVisible(false);
    setMinimumSize(360, 240);
    setInteractions(QCP::iSelectPlottables);
    connect(this, &QCustomPlot::plottableClick, this, [this](QCPAbstractPlottable* p, int, QMouseEvent*) {
        for (int i = 0; i < graphCount(); ++i)
            if (graph(i) == p)
                emit pointClicked(points_.value(i, -1));
    });
}

QString SweepParallelPlot::titleText() const
{
    return title_->text();
}

QVector<double> SweepParallelPlot::lineHeights(int line) const
{
    QVector<double> out;
    if (line < 0 || line >= graphCount())
        return out;
    for (auto it = graph(line)->data()->constBegin(); it != graph(line)->data()->constEnd(); ++it)
        out << it->value;
    return out;
}

void SweepParallelPlot::clearAxes()
{
    clearItems();
    clearGraphs();
    axes_.clear();
    points_.clear();
}

void SweepParallelPlot::drawAxis(int i, const QString& name, const QStringList& labels, const QVector<double>& heights)
{
    auto* line = new QCPItemLine(this);
    line->start->setCoords(i, 0);
    line->end->setCoords(i, 1);
    line->setPen(QPen(QColor(60, 60, 60), 1.5));
    auto* title = new QCPItemText(this);
    title->position->setCoords(i, 1 + kPad);
    title->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
    title->setText(name);
    QFont bold = font();
    bold.setBold(true);
    title->setFont(bold);
    for (int k = 0; k < labels.size(); ++k) {
        auto* t = new QCPItemText(this);
        t->position->setCoords(i, heights[k]);
        t->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        t->setPadding(QMargins(5, 0, 0, 0));
        t->setText(labels[k]);
        t->setBrush(QBrush(QColor(255, 255, 255, 200)));
        t->setLayer(QStringLiteral("axes")); // under the lines' selection, over the grid
    }
}

void SweepParallelPlot::setReport(const adaround::Json& report)
{
    clearAxes();
    const auto knobs = sweepresults::knobs(report);
    const auto done = sweepresults::completedPoints(report);
    double lo = INFINITY, hi = -INFINITY;
    for (const adaround::Json* p : done)
        lo = std::min(lo, sweepresults::number(*p, "top1")), hi = std::max(hi, sweepresults::number(*p, "top1"));
    const int n = int(knobs.size());
    for (int i = 0; i < n; ++i) {
        QVector<double> h;
        for (const QString& v : knobs[size_t(i)].values)
            h << axisHeight(knobs[size_t(i)], v);
        drawAxis(i, knobs[size_t(i)].key, knobs[size_t(i)].values, h);
        axes_ << knobs[size_t(i)].key;
    }
    // The top-1 axis: five ticks over the completed points' range.
    const bool any = std::isfinite(lo);
    const double span = hi > lo ? hi - lo : 1.0;
    const double base = hi > lo ? lo : lo - 0.5;
    QStringList top1Labels;
    QVector<double> top1Heights;
    const QLocale locale;
    for (int k = 0; any && k <= 4; ++k) {
        top1Labels << locale.toString(base + span * k / 4.0, 'f', 2);
        top1Heights << k / 4.0;
    }
    drawAxis(n, tr("AdaRound top-1 (%)"), top1Labels, top1Heights);
    axes_ << tr("AdaRound top-1 (%)");
    xAxis->setRange(-0.25, n + 0.6);

    scale_->setDataRange(QCPRange(base, base + span));
    QCPColorGradient gradient = scale_->gradient();
    for (const adaround::Json* p : done) {
        const double top1 = sweepresults::number(*p, "top1");
        QVector<double> keys, values;
        for (int i = 0; i < n; ++i) {
            keys << i;
            values << axisHeight(knobs[size_t(i)], sweepresults::setting(*p, knobs[size_t(i)].key));
        }
        keys << n;
        values << (top1 - base) / span;
        QCPGraph* g = addGraph();
        g->setData(keys, values, true);
        const QColor color = gradient.color(top1, scale_->dataRange());
        g->setPen(QPen(color, 2.0));
        g->setSelectable(QCP::stWhole);
        g->selectionDecorator()->setPen(QPen(Qt::red, 3.5));
        g->setName(QString::fromStdString(p->value("name", std::string())));
        points_ << p->value("index", -1);
    }
    const int total = int(report.value("points", adaround::Json::array()).size());
    title_->setText(tr("Parallel coordinates: %1 of %2 points completed, coloured by AdaRound top-1")
                        .arg(done.size())
                        .arg(total));
    replot(rpQueuedReplot);
}
