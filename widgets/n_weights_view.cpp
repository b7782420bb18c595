#include "n_weights_view.h"

#include "plot_interaction.h"
#include "plot_style.h"
#include "qcustomplot.h"
#include "toy_explanations.h"
#include "toy_settings_editor.h"

#include "adaround/error.h"
#include "adaround/teaching/random_problem.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace adaround::teaching;

namespace {

constexpr int kSeedsTried = 50;

QTableWidgetItem* cell(const QString& text, bool differs = false)
{
    auto* item = new QTableWidgetItem(text);
    item->setTextAlignment(Qt::AlignCenter);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    if (differs)
        item->setBackground(QColor(255, 214, 160));
    return item;
}

QString direction(bool up)
{
    return up ? QStringLiteral("↑") : QStringLiteral("↓");
}

} // namespace

NWeightsView::NWeightsView(QWidget* parent) : QWidget(parent)
{
    bars_ = new QCustomPlot(this);
    plotstyle::addTitle(bars_, tr("Loss Δwᵀ H Δw of each rounding"));
    // The colours of the two-weight view's marks: nearest orange, AdaRound red, optimum blue.
    const QColor colours[3] = {QColor(230, 120, 0), QColor(200, 0, 0), QColor(30, 60, 200)};
    for (int i = 0; i < 3; ++i) {
        losses_[i] = new QCPBars(bars_->xAxis, bars_->yAxis);
        losses_[i]->setBrush(colours[i]);
        losses_[i]->setPen(Qt::NoPen);
        losses_[i]->setWidth(0.6);
        values_[i] = new QCPItemText(bars_);
        values_[i]->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
    }
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    ticker->addTick(1, tr("Round to nearest"));
    ticker->addTick(2, tr("AdaRound"));
    ticker->addTick(3, tr("Optimum (enumerated)"));
    bars_->xAxis->setTicker(ticker);
    bars_->xAxis->setRange(0.4, 3.6);
    bars_->xAxis->setLabel(tr("Rounding"));
    bars_->yAxis->setLabel(tr("Loss Δwᵀ H Δw"));
    bars_->legend->setVisible(false); // one series, named by the axis
    bars_->setMinimumSize(360, 240);
    PlotInteraction::install(bars_, Qt::Orientations());

    table_ = new QTableWidget(0, 5, this);
    table_->setHorizontalHeaderLabels({tr("Weight"), tr("Fraction"), tr("Nearest"), tr("AdaRound (h)"), tr("Optimum")});
    table_->verticalHeader()->setVisible(false);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table_->setToolTip(tr("↑ rounds up, ↓ down; orange where it differs from the optimum"));

    auto* left = new QVBoxLayout;
    left->addWidget(bars_, 1);
    left->addWidget(table_, 1);

    auto* side = new QWidget;
    auto* column = new QVBoxLayout(side);
    auto* problemBox = new QGroupBox(tr("Problem"), side);
    auto* form = new QFormLayout(problemBox);
    n_ = new QSpinBox(problemBox);
    n_->setRange(2, kMaxToyWeights);
    n_->setValue(8);
    n_->setToolTip(tr("Number of weights (2^n corners are enumerated)"));
    seed_ = new QSpinBox(problemBox);
    seed_->setRange(0, 1000000);
    seed_->setValue(5); // nearest misses the optimum in 3 of 8 weights, AdaRound finds it
    seed_->setToolTip(tr("The random H and positions; the same seed gives the same problem"));
    form->addRow(tr("Weights n"), n_);
    form->addRow(tr("Seed"), seed_);
    newProblem_ = new QPushButton(tr("New problem"), problemBox);
    newProblem_->setToolTip(tr("The next seed"));
    form->addRow(newProblem_);
    column->addWidget(problemBox);
    auto* runBox = new QGroupBox(tr("AdaRound on this problem"), side);
    auto* runLayout = new QVBoxLayout(runBox);
    settings_ = new ToySettingsEditor(runBox);
    runLayout->addWidget(settings_);
    summary_ = new QLabel(runBox);
    summary_->setWordWrap(true);
    runLayout->addWidget(summary_);
    seeds_ = new QPushButton(tr("Try %1 seeds").arg(kSeedsTried), runBox);
    runLayout->addWidget(seeds_);
    seedsResult_ = new QLabel(runBox);
    seedsResult_->setWordWrap(true);
    runLayout->addWidget(seedsResult_);
    column->addWidget(runBox);
    auto* helpBox = new QGroupBox(tr("What am I looking at?"), side);
    auto* help = new QLabel(toyexplain::nWeightsHtml(), helpBox);
    help->setWordWrap(true);
    help->setTextFormat(Qt::RichText);
    (new QVBoxLayout(helpBox))->addWidget(help);
    column->addWidget(helpBox);
    column->addStretch(1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(side);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFixedWidth(360);

    auto* layout = new QHBoxLayout(this);
    layout->addLayout(left, 1);
    layout->addWidget(scroll);

    connect(n_, &QSpinBox::valueChanged, this, &NWeightsView::solve);
    connect(seed_, &QSpinBox::valueChanged, this, &NWeightsView::solve);
    connect(settings_, &ToySettingsEditor::changed, this, &NWeightsView::solve);
    connect(newProblem_, &QPushButton::clicked, this, [this] { seed_->setValue(seed_->value() + 1); });
    connect(seeds_, &QPushButton::clicked, this, &NWeightsView::trySeeds);
    solve();
}

void NWeightsView::setProblem(int n, int seed)
{
    const QSignalBlocker b1(n_), b2(seed_);
    n_->setValue(n);
    seed_->setValue(seed);
    solve();
}

void NWeightsView::solve()
{
    seedsResult_->clear();
    problem_ = randomProblem(n_->value(), uint64_t(seed_->value()));
    try {
        run_ = runToyAdaRound(problem_, settings_->settings());
    } catch (const adaround::Error& e) {
        summary_->setText(QString::fromUtf8(e.what()));
        return;
    }
    const Corner nearest = nearestCorner(problem_), best = optimalCorner(problem_);
    const double loss[3] = {nearest.loss, run_.corner.loss, best.loss};
    for (int i = 0; i < 3; ++i) {
        losses_[i]->setData({double(i + 1)}, {loss[i]});
        values_[i]->position->setCoords(i + 1, loss[i]);
        values_[i]->setText(QString::number(loss[i], 'f', 3));
    }
    bars_->yAxis->setRange(0, std::max(nearest.loss, run_.corner.loss) * 1.2);
    bars_->replot(QCustomPlot::rpQueuedReplot);

    const int n = problem_.size();
    table_->setRowCount(n);
    for (int i = 0; i < n; ++i) {
        table_->setItem(i, 0, cell(QString::number(i + 1)));
        table_->setItem(i, 1, cell(QString::number(problem_.w[size_t(i)], 'f', 2)));
        table_->setItem(i, 2, cell(direction(nearest.up(i)), nearest.up(i) != best.up(i)));
        table_->setItem(i, 3, cell(QStringLiteral("%1 (%2)").arg(direction(run_.corner.up(i))).arg(run_.finalH[size_t(i)], 0, 'f', 2),
                                   run_.corner.up(i) != best.up(i)));
        table_->setItem(i, 4, cell(direction(best.up(i))));
    }
    summary_->setText(summaryText());
}

QString NWeightsView::summaryText() const
{
    const Corner nearest = nearestCorner(problem_), best = optimalCorner(problem_);
    return tr("Nearest differs from the optimum in %1 of %2 weights (loss %3 vs %4); AdaRound in %5 (loss %6).")
        .arg(differingWeights(nearest.bits, best.bits))
        .arg(problem_.size())
        .arg(nearest.loss, 0, 'f', 3)
        .arg(best.loss, 0, 'f', 3)
        .arg(differingWeights(run_.corner.bits, best.bits))
        .arg(run_.corner.loss, 0, 'f', 3);
}

QString NWeightsView::trySeeds()
{
    const ToySettings s = settings_->settings();
    int optimum = 0, notWorse = 0, nearestOptimal = 0;
    try {
        for (int seed = 0; seed < kSeedsTried; ++seed) {
            const QuadraticRounding p = randomProblem(n_->value(), uint64_t(seed));
            const Corner best = optimalCorner(p), nearest = nearestCorner(p);
            const ToyResult r = runToyAdaRound(p, s);
            optimum += r.corner.bits == best.bits;
            notWorse += r.corner.loss <= nearest.loss + 1e-12;
            nearestOptimal += nearest.bits == best.bits;
        }
    } catch (const adaround::Error& e) {
        seedsResult_->setText(QString::fromUtf8(e.what()));
        return seedsResult_->text();
    }
    seedsResult_->setText(tr("Seeds 0–%1 at n = %2: AdaRound found the optimum on %3, was at least as good as "
                             "nearest on %4; nearest was optimal on %5.")
                              .arg(kSeedsTried - 1)
                              .arg(n_->value())
                              .arg(optimum)
                              .arg(notWorse)
                              .arg(nearestOptimal));
    return seedsResult_->text();
}
