#include "run_dashboard.h"

#include "accuracy_plot.h"
#include "dashboard_layout.h"
#include "histogram_history_plot.h"
#include "histogram_plot.h"
#include "layer_focus.h"
#include "layer_results_model.h"
#include "layer_results_view.h"
#include "loss_plot.h"
#include "plot_interaction.h"
#include "plot_style.h"

#include <QDate>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QScopedValueRollback>
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
    LayerFocus* focus = nullptr;
    bool syncingTable = false; // the table follows the shown layer: not a pick of the user's
    QLabel* banner = nullptr;
    adaround::AdaRoundConfig config; // of the run shown, for the export heading
    QString runName;
    QTimer replotTimer;
    int dirty = 0;
    bool replaying = false; // showRecord draws once at the end
    int comparisons = 0;
    int plannedLayers = 0;
    bool started = false; // RunStarted came since the last clear(): a cancel while loading sends none
    DashboardLayout* arrangement = nullptr;

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
        focus->runStarted(!replaying);
        config = e.config;
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
        focus->layerStarted(e); // the h(V) views follow the running layer unless the user picked one
        schedule(LossDirty | HistogramDirty | HistoryDirty);
    }

    void on(const adaround::IterationStats& e)
    {
        loss->addStats(e);
        schedule(LossDirty);
    }

    void on(const adaround::HistogramSnapshot& e)
    {
        focus->addSnapshot(e);
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
        focus->runEnded();
        schedule(AccuracyDirty);
    }

    void on(const adaround::RunCancelled& e)
    {
        focus->runEnded();
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
        focus->runEnded();
        showBanner(RunDashboard::tr("Run failed: %1").arg(QString::fromStdString(e.error)));
    }

    void on(const adaround::QuantizedLayer&) {} // the views draw no integer weights
    void on(const adaround::WeightSample&) {}   // the Who Flipped view draws them (FlipsView)
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

    d->table = new LayerResultsView; // names whole or elided in the middle, scrolls sideways
    d->table->setModel(d->results);
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

    // The histogram with its snapshot slider under it.
    d->focus = new LayerFocus(d->loss, d->histogram, d->history);
    auto* histogramPane = new QWidget;
    auto* histogramLayout = new QVBoxLayout(histogramPane);
    histogramLayout->setContentsMargins(0, 0, 0, 0);
    histogramLayout->setSpacing(0);
    d->histogram->setMinimumSize(0, 0); // the pane is the view: DashboardLayout gives it the views' minimum
    histogramLayout->addWidget(d->histogram, 1);
    histogramLayout->addWidget(d->focus);
    connect(d->focus, &LayerFocus::redrawNeeded, this, [this] { d->schedule(LossDirty | HistogramDirty | HistoryDirty); });
    // The table's row and the shown layer follow each other.
    connect(d->focus, &LayerFocus::layerShown, this, [this](int layer) {
        const QScopedValueRollback<bool> guard(d->syncingTable, true);
        const auto& rows = d->results->layers();
        const auto row = std::find_if(rows.begin(), rows.end(), [&](const auto& f) { return f.layer == layer; });
        if (row != rows.end())
            d->table->selectRow(int(row - rows.begin()));
        else
            d->table->clearSelection();
    });
    connect(d->table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                const auto& rows = d->results->layers();
                if (!d->syncingTable && current.isValid() && current.row() < int(rows.size()))
                    selectLayer(rows[size_t(current.row())].layer);
            });

    d->arrangement = new DashboardLayout({{QStringLiteral("loss"), tr("Loss and β"), d->loss},
                                          {QStringLiteral("histogram"), tr("h(V) histogram"), histogramPane},
                                          {QStringLiteral("history"), tr("h(V) history"), d->history},
                                          {QStringLiteral("accuracy"), tr("Top-1 accuracy"), d->accuracy},
                                          {QStringLiteral("table"), tr("Per-layer results"), tablePane}});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(d->banner);
    layout->addWidget(d->arrangement, 1);

    d->replotTimer.setSingleShot(true);
    d->replotTimer.setInterval(kReplotIntervalMs);
    connect(&d->replotTimer, &QTimer::timeout, this, [this] { d->flush(); });

    // Right-click export on every view, through a non-modal dialog so that a
    // running run keeps drawing.
    auto saveAs = [this](const QString& title, const QString& filters, const QString& file,
                         std::function<bool(const QString&, QString*)> save) {
        auto* dialog = new QFileDialog(this, title);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setAcceptMode(QFileDialog::AcceptSave);
        dialog->setNameFilters(filters.split(QStringLiteral(";;")));
        dialog->setDefaultSuffix(QFileInfo(file).suffix());
        dialog->selectFile(file);
        connect(dialog, &QFileDialog::fileSelected, this, [this, save](const QString& chosen) {
            QString error;
            if (!save(chosen, &error))
                d->showBanner(error);
        });
        dialog->open();
    };
    // A plot's menu is its PlotInteraction's (view options), the export below them.
    for (const QString& name : plotNames())
        PlotInteraction::of(plot(name))->addMenuEntries([=](QMenu* menu) {
            connect(menu->addAction(tr("Export plot as PNG or PDF…")), &QAction::triggered, this, [=] {
                saveAs(tr("Export plot as PNG or PDF"), tr("PNG image (*.png);;PDF document (*.pdf)"),
                       name + QStringLiteral(".png"),
                       [this, name](const QString& file, QString* error) { return exportPlot(name, file, error); });
            });
        });
    d->table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(d->table, &QWidget::customContextMenuRequested, this, [=](const QPoint& at) {
        QMenu menu;
        QAction* act = menu.addAction(tr("Export table as CSV…"));
        if (menu.exec(d->table->viewport()->mapToGlobal(at)) == act)
            saveAs(tr("Export table as CSV"), tr("CSV table (*.csv)"), QStringLiteral("layers.csv"),
                   [this](const QString& file, QString* error) { return exportLayerTableCsv(file, error); });
    });
}

RunDashboard::~RunDashboard() = default;

void RunDashboard::clear()
{
    clearComparisons();
    d->loss->clearRun();
    d->histogram->clearData();
    d->history->clearData();
    d->accuracy->clearRun();
    d->results->clear();
    d->focus->clear();
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

DashboardLayout* RunDashboard::arrangement() const { return d->arrangement; }

void RunDashboard::selectLayer(int layer) { d->focus->select(layer); }
int RunDashboard::selectedLayer() const { return d->focus->selected(); }
LayerFocus* RunDashboard::layerFocus() const { return d->focus; }

void RunDashboard::setRunName(const QString& name) { d->runName = name; }

QString RunDashboard::exportHeading() const
{
    const adaround::AdaRoundConfig& c = d->config;
    QStringList parts;
    parts << (c.modelPath.empty() ? tr("no model") : QFileInfo(QString::fromStdString(c.modelPath)).fileName());
    QString bits = QStringLiteral("W%1").arg(c.bits.defaultBits);
    if (c.bits.firstLastBits > 0 && c.bits.firstLastBits != c.bits.defaultBits)
        bits += tr(" (first/last %1)").arg(c.bits.firstLastBits);
    if (!c.bits.overrides.empty())
        bits += tr(", %n layer(s) set apart", nullptr, int(c.bits.overrides.size()));
    if (c.actBits > 0)
        bits += QStringLiteral(" A%1").arg(c.actBits);
    parts << bits;
    const QString name = d->runName.isEmpty() ? QDate::currentDate().toString(Qt::ISODate) : d->runName;
    parts << (name.startsWith(QLatin1String("run")) ? name : tr("run %1").arg(name)); // logs are named run-DATE-TIME
    return parts.join(QStringLiteral(" · "));
}

bool RunDashboard::exportPlot(const QString& plotName, const QString& file, QString* error)
{
    return exportPlot(plotName, file, plotstyle::ExportOptions{}, error);
}

bool RunDashboard::exportPlot(const QString& plotName, const QString& file, plotstyle::ExportOptions options,
                              QString* error)
{
    QCustomPlot* p = plot(plotName);
    if (!p) {
        if (error)
            *error = tr("no plot named '%1' (one of %2)").arg(plotName, plotNames().join(QStringLiteral(", ")));
        return false;
    }
    d->flush(); // ranges and labels as they will be drawn
    if (options.heading.isEmpty())
        options.heading = exportHeading();
    return plotstyle::exportPlot(p, file, options, error);
}

bool RunDashboard::exportLayerTableCsv(const QString& file, QString* error)
{
    return d->results->writeCsv(file, error);
}

void RunDashboard::onRunEvent(const adaround::RunEvent& e)
{
    std::visit([this](const auto& event) { d->on(event); }, e);
}
