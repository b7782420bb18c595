#include "run_dashboard.h"

#include "accuracy_plot.h"
#include "histogram_history_plot.h"
#include "histogram_plot.h"
#include "layer_results_model.h"
#include "loss_plot.h"
#include "plot_style.h"

#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>

namespace {

enum Dirty { LossDirty = 1, HistogramDirty = 2, HistoryDirty = 4, AccuracyDirty = 8, AllDirty = 15 };

// Redraws at most this often however fast events arrive (10 Hz: smooth to the
// eye, and on 2 cores every redraw takes CPU from the worker; 20 Hz cost ~4.5%).
constexpr int kReplotIntervalMs = 100;

} // namespace

struct RunDashboard::Impl {
    LossPlot* loss = nullptr;
    HistogramPlot* histogram = nullptr;
    HistogramHistoryPlot* history = nullptr;
    AccuracyPlot* accuracy = nullptr;
    LayerResultsModel* results = nullptr;
    QTableView* table = nullptr;
    QLabel* banner = nullptr;
    QTimer replotTimer;
    int dirty = 0;
    bool replaying = false; // showRecord draws once at the end
    int comparisons = 0;
    int plannedLayers = 0;
    bool started = false; // RunStarted came since the last clear(): a cancel while loading sends none
    QSplitter* rows = nullptr;
    QSplitter* bottom = nullptr;
    bool sized = false;

    void schedule(int what)
    {
        dirty |= what;
        if (!replaying && !replotTimer.isActive())
            replotTimer.start();
    }

    void flush()
    {
        replotTimer.stop();
        if (dirty & LossDirty)
            loss->redraw();
        if (dirty & HistogramDirty)
            histogram->replot(QCustomPlot::rpQueuedReplot);
        if (dirty & HistoryDirty)
            history->replot(QCustomPlot::rpQueuedReplot);
        if (dirty & AccuracyDirty) {
            accuracy->refresh();
            accuracy->replot(QCustomPlot::rpQueuedReplot);
        }
        dirty = 0;
    }

    void showBanner(const QString& text)
    {
        banner->setText(text);
        banner->setVisible(!text.isEmpty());
    }

    // The events, one handler each (onRunEvent visits).
    void on(const adaround::RunStarted& e)
    {
        loss->reset(e);
        histogram->clearData();
        history->clearData();
        history->setSnapshotInterval(e.config.histogramInterval);
        accuracy->reset(e);
        results->clear();
        plannedLayers = int(std::count_if(e.bits.begin(), e.bits.end(), [](int b) { return b > 0; }));
        started = true;
        showBanner({});
        schedule(AllDirty);
    }

    void on(const adaround::LayerStarted& e)
    {
        loss->layerStarted(e);
        if (e.iterations > 0) {
            histogram->setLayerName(e.layer, QString::fromStdString(e.name));
            history->startLayer(e);
        }
        schedule(LossDirty | HistogramDirty | HistoryDirty);
    }

    void on(const adaround::IterationStats& e)
    {
        loss->addStats(e);
        schedule(LossDirty);
    }

    void on(const adaround::HistogramSnapshot& e)
    {
        histogram->setSnapshot(e);
        history->addSnapshot(e);
        schedule(HistogramDirty | HistoryDirty);
    }

    void on(const adaround::LayerFinished& e) { results->addLayer(e); }

    void on(const adaround::SubsetBaseline& e)
    {
        accuracy->setBaseline(e);
        schedule(AccuracyDirty);
    }

    void on(const adaround::AccuracyPoint& e)
    {
        accuracy->addPoint(e);
        schedule(AccuracyDirty);
    }

    void on(const adaround::RunFinished& e)
    {
        accuracy->setFinal(e);
        schedule(AccuracyDirty);
    }

    void on(const adaround::RunCancelled& e)
    {
        if (!started) {
            showBanner(RunDashboard::tr("Run cancelled while loading the model and images, before its first layer: "
                                        "nothing was quantized."));
            return;
        }
        showBanner(RunDashboard::tr("Run cancelled after %1 of %2 layers; the views show the finished layers.")
                       .arg(e.layersDone)
                       .arg(plannedLayers));
    }

    void on(const adaround::RunFailed& e)
    {
        showBanner(RunDashboard::tr("Run failed: %1").arg(QString::fromStdString(e.error)));
    }

    void on(const adaround::QuantizedLayer&) {} // the views draw no integer weights
    void on(const adaround::PhaseProgress&) {}  // the status bar shows it (RunProgress)
};

RunDashboard::RunDashboard(QWidget* parent) : QWidget(parent), d(std::make_unique<Impl>())
{
    d->loss = new LossPlot;
    d->histogram = new HistogramPlot;
    d->history = new HistogramHistoryPlot;
    d->accuracy = new AccuracyPlot;
    d->results = new LayerResultsModel(this);
    d->loss->setObjectName(QStringLiteral("loss"));
    d->histogram->setObjectName(QStringLiteral("histogram"));
    d->history->setObjectName(QStringLiteral("history"));
    d->accuracy->setObjectName(QStringLiteral("accuracy"));

    d->table = new QTableView;
    d->table->setModel(d->results);
    d->table->setAlternatingRowColors(true);
    d->table->setSelectionBehavior(QAbstractItemView::SelectRows);
    d->table->verticalHeader()->setVisible(false);
    d->table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    d->table->horizontalHeader()->setStretchLastSection(true);
    auto* tableTitle = new QLabel(tr("Per-layer results"));
    QFont bold = tableTitle->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    tableTitle->setFont(bold);
    tableTitle->setAlignment(Qt::AlignHCenter);
    auto* tablePane = new QWidget;
    auto* tableLayout = new QVBoxLayout(tablePane);
    tableLayout->setContentsMargins(0, 4, 0, 0);
    tableLayout->addWidget(tableTitle);
    tableLayout->addWidget(d->table);

    d->banner = new QLabel;
    d->banner->setObjectName(QStringLiteral("runBanner"));
    d->banner->setWordWrap(true);
    d->banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    d->banner->setStyleSheet(QStringLiteral("QLabel { background: #fff4ce; border: 1px solid #e0c060; padding: 4px; }"));
    d->banner->hide();

    auto* middle = new QSplitter(Qt::Horizontal);
    middle->addWidget(d->histogram);
    middle->addWidget(d->history);
    auto* bottom = new QSplitter(Qt::Horizontal);
    bottom->addWidget(d->accuracy);
    bottom->addWidget(tablePane);
    bottom->setStretchFactor(0, 1);
    bottom->setStretchFactor(1, 1);
    d->bottom = bottom;
    auto* rows = new QSplitter(Qt::Vertical);
    rows->addWidget(d->loss);
    rows->addWidget(middle);
    rows->addWidget(bottom);
    rows->setStretchFactor(0, 3);
    rows->setStretchFactor(1, 2);
    rows->setStretchFactor(2, 2);
    d->rows = rows;
    for (QSplitter* s : {middle, bottom, rows})
        s->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(d->banner);
    layout->addWidget(rows, 1);

    d->replotTimer.setSingleShot(true);
    d->replotTimer.setInterval(kReplotIntervalMs);
    connect(&d->replotTimer, &QTimer::timeout, this, [this] { d->flush(); });

    // Right-click export on every view, through a non-modal dialog so that a
    // running run keeps drawing.
    auto offerSave = [this](QWidget* view, const QString& filters, const QString& suffix,
                            std::function<bool(const QString&, QString*)> save) {
        view->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(view, &QWidget::customContextMenuRequested, this, [=](const QPoint& at) {
            QMenu menu;
            QAction* act = menu.addAction(suffix == QLatin1String("csv") ? tr("Export table as CSV…")
                                                                         : tr("Export plot as PNG or PDF…"));
            if (menu.exec(view->mapToGlobal(at)) != act)
                return;
            auto* dialog = new QFileDialog(this, act->text().remove(QStringLiteral("…")));
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            dialog->setAcceptMode(QFileDialog::AcceptSave);
            dialog->setNameFilters(filters.split(QStringLiteral(";;")));
            dialog->setDefaultSuffix(suffix);
            dialog->selectFile(view->objectName().isEmpty() ? QStringLiteral("layers.csv")
                                                            : view->objectName() + QLatin1Char('.') + suffix);
            connect(dialog, &QFileDialog::fileSelected, this, [this, save](const QString& file) {
                QString error;
                if (!save(file, &error))
                    d->showBanner(error);
            });
            dialog->open();
        });
    };
    for (const QString& name : plotNames())
        offerSave(plot(name), tr("PNG image (*.png);;PDF document (*.pdf)"), QStringLiteral("png"),
                  [this, name](const QString& file, QString* error) { return exportPlot(name, file, error); });
    offerSave(d->table, tr("CSV table (*.csv)"), QStringLiteral("csv"),
              [this](const QString& file, QString* error) { return exportLayerTableCsv(file, error); });
}

RunDashboard::~RunDashboard() = default;

// The splitters' first sizes, once there is a size to share: the views' size
// hints would otherwise give the accuracy plot most of the bottom row.
void RunDashboard::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (d->sized)
        return;
    d->sized = true;
    const int h = std::max(height(), 300);
    d->rows->setSizes({h * 3 / 7, h * 2 / 7, h * 2 / 7});
    d->bottom->setSizes({width() / 2, width() / 2});
}

void RunDashboard::clear()
{
    clearComparisons();
    d->loss->clearRun();
    d->histogram->clearData();
    d->history->clearData();
    d->accuracy->clearRun();
    d->results->clear();
    d->showBanner({});
    d->plannedLayers = 0;
    d->started = false;
    d->schedule(AllDirty);
}

void RunDashboard::showRecord(const adaround::RunRecord& r)
{
    d->replaying = true;
    adaround::CallbackObserver feed([this](const adaround::RunEvent& e) { onRunEvent(e); });
    adaround::replay(r, feed);
    d->replaying = false;
    d->dirty = AllDirty;
    d->flush();
}

void RunDashboard::addComparison(const adaround::RunRecord& r, const QString& label)
{
    const QColor color = plotstyle::comparisonColor(d->comparisons++);
    d->loss->addComparison(r, label, color);
    d->accuracy->addComparison(r, label, color);
    d->schedule(LossDirty | AccuracyDirty);
}

void RunDashboard::clearComparisons()
{
    d->loss->clearComparisons();
    d->accuracy->clearComparisons();
    d->comparisons = 0;
    d->schedule(LossDirty | AccuracyDirty);
}

QStringList RunDashboard::plotNames() const
{
    return {QStringLiteral("loss"), QStringLiteral("histogram"), QStringLiteral("history"),
            QStringLiteral("accuracy")};
}

QCustomPlot* RunDashboard::plot(const QString& plotName) const
{
    if (plotName == QLatin1String("loss"))
        return d->loss;
    if (plotName == QLatin1String("histogram"))
        return d->histogram;
    if (plotName == QLatin1String("history"))
        return d->history;
    if (plotName == QLatin1String("accuracy"))
        return d->accuracy;
    return nullptr;
}

QAbstractItemModel* RunDashboard::layerTable() const { return d->results; }

bool RunDashboard::exportPlot(const QString& plotName, const QString& file, QString* error)
{
    QCustomPlot* p = plot(plotName);
    if (!p) {
        if (error)
            *error = tr("no plot named '%1' (one of %2)").arg(plotName, plotNames().join(QStringLiteral(", ")));
        return false;
    }
    d->flush(); // ranges and labels as they will be drawn
    return plotstyle::exportPlot(p, file, error);
}

bool RunDashboard::exportLayerTableCsv(const QString& file, QString* error)
{
    return d->results->writeCsv(file, error);
}

void RunDashboard::onRunEvent(const adaround::RunEvent& e)
{
    std::visit([this](const auto& event) { d->on(event); }, e);
}
