#include "comparison_view.h"

#include "layer_compare_model.h"
#include "plot_style.h"

#include <qcustomplot.h>

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace {

constexpr int kBetaPoints = 400; // per run: smooth at any iteration count

} // namespace

QColor ComparisonView::runColor(int index)
{
    return index == 0 ? plotstyle::seriesColor(0) : plotstyle::comparisonColor(index - 1);
}

ComparisonView::ComparisonView(QWidget* parent) : QWidget(parent)
{
    legend_ = new QLabel;
    legend_->setObjectName(QStringLiteral("comparisonLegend"));
    legend_->setWordWrap(true);
    legend_->setTextFormat(Qt::RichText);
    legend_->setText(tr("Compare runs: select them in the run browser and press Compare, or File > Compare With..."));
    warning_ = new QLabel;
    warning_->setObjectName(QStringLiteral("comparisonWarning"));
    warning_->setWordWrap(true);
    warning_->setStyleSheet(QStringLiteral("QLabel { background: #fff4ce; border: 1px solid #e0c060; padding: 4px; }"));
    warning_->hide();

    beta_ = new QCustomPlot;
    beta_->setObjectName(QStringLiteral("beta"));
    plotstyle::addTitle(beta_, tr("β schedule of each run (per layer)"));
    beta_->xAxis->setLabel(tr("Iteration within a layer"));
    beta_->yAxis->setLabel(tr("β"));
    plotstyle::legendBelow(beta_, 2);

    finals_ = new QCustomPlot;
    finals_->setObjectName(QStringLiteral("finals"));
    plotstyle::addTitle(finals_, tr("Final top-1 of each run"));
    QSharedPointer<QCPAxisTickerText> names(new QCPAxisTickerText);
    names->addTick(1, tr("FP32"));
    names->addTick(2, tr("RTN"));
    names->addTick(3, tr("AdaRound"));
    finals_->xAxis->setTicker(names);
    finals_->xAxis->setRange(0.4, 3.6);
    finals_->yAxis->setLabel(tr("Top-1 accuracy (%)"));
    finals_->yAxis->setRange(0, 100);
    plotstyle::legendBelow(finals_, 2);

    model_ = new LayerCompareModel(this);
    table_ = new QTableView;
    table_->setObjectName(QStringLiteral("layerCompareTable"));
    table_->setModel(model_);
    table_->setAlternatingRowColors(true);
    table_->verticalHeader()->setVisible(false);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    // One column: the view shares the narrow dock area with the setup and the
    // run browser (float the dock for more room).
    auto* rows = new QSplitter(Qt::Vertical);
    rows->addWidget(beta_);
    rows->addWidget(finals_);
    rows->addWidget(table_);
    rows->setChildrenCollapsible(false);
    for (QCustomPlot* p : {beta_, finals_})
        p->setMinimumSize(200, 150);
    table_->setMinimumHeight(80);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(legend_);
    layout->addWidget(warning_);
    layout->addWidget(rows, 1);
}

void ComparisonView::setRuns(const std::vector<ComparedRun>& runs)
{
    runs_ = runs;
    QStringList items;
    QStringList tips;
    for (size_t i = 0; i < runs_.size(); ++i) {
        const ComparedRun& r = runs_[i];
        items << QStringLiteral("<span style=\"color:%1\">■</span> <b>%2</b> %3%4")
                     .arg(r.color.name(), runLetter(int(i)), r.label.toHtmlEscaped(),
                          i == 0 ? tr(" (shown)") : QString());
        tips << runLetter(int(i)) + QStringLiteral(": ") + r.label + QLatin1Char('\n') + r.tooltip;
    }
    legend_->setText(items.isEmpty() ? QString() : items.join(QStringLiteral(" &nbsp; ")));
    legend_->setToolTip(tips.join(QStringLiteral("\n\n")));
    model_->setRuns(runs_);
    drawBeta();
    drawFinals();
}

void ComparisonView::setWarning(const QString& text)
{
    warning_->setText(text);
    warning_->setVisible(!text.isEmpty());
}

QString ComparisonView::warning() const
{
    return warning_->text();
}

void ComparisonView::drawBeta()
{
    beta_->clearGraphs();
    double maxIt = 1, maxBeta = 1;
    for (size_t i = 0; i < runs_.size(); ++i) {
        const ComparedRun& r = runs_[i];
        const adaround::AnnealingSchedule s = adaround::AnnealingSchedule::from(r.config);
        QVector<double> x, y;
        const int steps = std::min(kBetaPoints, std::max(1, s.iterations));
        for (int k = 0; k <= steps; ++k) {
            const int it = int(double(k) * s.iterations / steps);
            x << it;
            y << (s.regularised(it) ? s.beta(it) : std::max(s.betaStart, s.betaEnd)); // warm-up: no regulariser
        }
        QCPGraph* g = beta_->addGraph();
        g->setName(runLetter(int(i)) + QStringLiteral(": ") + r.label);
        QPen pen(r.color, i == 0 ? 2.5 : 1.8);
        if (i > 0)
            pen.setStyle(i % 2 ? Qt::DashLine : Qt::DashDotLine); // told apart without colour too
        g->setPen(pen);
        g->setData(x, y, true);
        maxIt = std::max(maxIt, double(s.iterations));
        maxBeta = std::max({maxBeta, s.betaStart, s.betaEnd});
    }
    beta_->xAxis->setRange(0, maxIt);
    beta_->yAxis->setRange(0, maxBeta * 1.08);
    beta_->replot(QCustomPlot::rpQueuedReplot);
}

void ComparisonView::drawFinals()
{
    finals_->clearPlottables();
    finals_->clearItems();
    const int n = int(runs_.size());
    QStringList counts; // the images each run was evaluated on, as they may differ
    for (const ComparedRun& r : runs_)
        if (r.finished && !counts.contains(QString::number(r.finished->fp32.count)))
            counts << QString::number(r.finished->fp32.count);
    finals_->xAxis->setLabel(counts.isEmpty() ? QString()
                                              : tr("Final, on %1 evaluation images").arg(counts.join(QStringLiteral(" / "))));
    const double width = n > 0 ? std::min(0.25, 0.8 / n) : 0.25;
    for (int i = 0; i < n; ++i) {
        const ComparedRun& r = runs_[size_t(i)];
        auto* bars = new QCPBars(finals_->xAxis, finals_->yAxis);
        bars->setName(runLetter(i) + QStringLiteral(": ") + r.label);
        bars->setBrush(r.color);
        bars->setPen(QPen(r.color.darker(130), 0.5));
        bars->setWidth(width * 0.92);
        if (!r.finished)
            continue; // no final figures: an empty bar, named in the legend
        const double values[3] = {r.finished->fp32.top1, r.finished->rtn.top1, r.finished->adaround.top1};
        // Each run's bar beside the others within its category, in run order.
        const double offset = (i - (n - 1) / 2.0) * width;
        bars->setData({1 + offset, 2 + offset, 3 + offset}, {values[0], values[1], values[2]}, true);
        for (int k = 0; k < 3; ++k) {
            // Inside its own bar, upright: side by side the values would run together.
            auto* label = new QCPItemText(finals_);
            label->position->setType(QCPItemPosition::ptPlotCoords);
            label->position->setCoords(k + 1 + offset, values[k] - 2);
            label->setPositionAlignment(Qt::AlignRight | Qt::AlignVCenter);
            label->setRotation(-90);
            label->setText(QString::number(values[k], 'f', 1));
            label->setColor(Qt::white);
            QFont small = finals_->font();
            small.setPointSizeF(small.pointSizeF() * 0.8);
            label->setFont(small);
        }
    }
    finals_->replot(QCustomPlot::rpQueuedReplot);
}

QStringList ComparisonView::plotNames() const
{
    return {QStringLiteral("beta"), QStringLiteral("finals")};
}

QCustomPlot* ComparisonView::plot(const QString& name) const
{
    if (name == QLatin1String("beta"))
        return beta_;
    if (name == QLatin1String("finals"))
        return finals_;
    return nullptr;
}

bool ComparisonView::exportPlot(const QString& name, const QString& file, QString* error)
{
    QCustomPlot* p = plot(name);
    if (!p) {
        if (error)
            *error = tr("no comparison plot named '%1'").arg(name);
        return false;
    }
    p->replot(QCustomPlot::rpImmediateRefresh);
    return plotstyle::exportPlot(p, file, error);
}
