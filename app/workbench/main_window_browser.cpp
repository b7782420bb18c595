// The run browser and comparisons in the window: the browser's dock, several
// runs compared (names by the settings that differ, colours, the warning for
// runs of different models, the comparison view) and reports of the shown run
// or of the comparison.
#include "main_window.h"

#include "adaround/run_log.h"
#include "adaround/run_log_summary.h"
#include "comparison_view.h"
#include "config_diff.h"
#include "layer_compare_model.h"
#include "layer_results_model.h"
#include "message_bar.h"
#include "report_writer.h"
#include "run_browser.h"
#include "run_browser_model.h"
#include "run_controller.h"
#include "run_dashboard.h"

#include <QAction>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHash>
#include <QStatusBar>

#include <map>

namespace {

bool sameLayers(const std::vector<adaround::LayerFinished>& a, const std::vector<adaround::LayerFinished>& b)
{
    if (a.empty() || a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].name != b[i].name || a[i].recMseHard != b[i].recMseHard || a[i].seconds != b[i].seconds)
            return false;
    return true;
}

// The listed log whose per-layer results are the shown run's: its figures and
// model hash are the shown run's, however the run was opened.
const RunEntry* logOfShownRun(const RunBrowserModel& model, const std::vector<adaround::LayerFinished>& layers)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        const RunEntry& e = model.entry(row);
        if (e.readable && e.summary.hasStarted && sameLayers(e.summary.layers, layers))
            return &e;
    }
    return nullptr;
}

// The model file's SHA-256, remembered per path and modification time.
std::string modelHash(const QString& path)
{
    static QHash<QString, QPair<QDateTime, std::string>> cache;
    const QFileInfo info(path);
    if (!info.isFile())
        return {};
    const auto it = cache.constFind(path);
    if (it != cache.constEnd() && it->first == info.lastModified())
        return it->second;
    try {
        const std::string hash = adaround::fileSha256(path.toStdString());
        cache.insert(path, {info.lastModified(), hash});
        return hash;
    } catch (const std::exception&) {
        return {};
    }
}

// Empty when every run whose model is known used the same model (by hash, not path).
QString differentModelsWarning(const std::vector<ComparedRun>& runs)
{
    std::map<std::string, QStringList> letters; // hash -> runs
    std::map<std::string, QString> names;
    for (size_t i = 0; i < runs.size(); ++i) {
        if (runs[i].modelSha256.empty())
            continue;
        letters[runs[i].modelSha256] << runLetter(int(i));
        names[runs[i].modelSha256] = QFileInfo(QString::fromStdString(runs[i].config.modelPath)).fileName();
    }
    if (letters.size() < 2)
        return {};
    QStringList groups;
    for (const auto& [hash, runsOf] : letters)
        groups << QObject::tr("%1: %2 (sha256 %3)")
                      .arg(runsOf.join(QStringLiteral(", ")), names[hash], QString::fromStdString(hash).left(7));
    return QObject::tr("Runs of different models are compared (%1): their losses, accuracies and per-layer results "
                       "are not like for like.")
        .arg(groups.join(QStringLiteral("; ")));
}

} // namespace

void MainWindow::setRunsFolder(const QString& dir)
{
    runsFolder_ = dir;
    if (browser_)
        browser_->setRunsFolder(dir);
}

void MainWindow::createBrowserDocks()
{
    browser_ = new RunBrowser(this);
    browser_->setRunsFolder(runsFolder_);
    auto* runsDock = new QDockWidget(tr("Runs"), this);
    runsDock->setObjectName(QStringLiteral("runBrowserDock"));
    runsDock->setWidget(browser_);
    addDockWidget(Qt::LeftDockWidgetArea, runsDock);
    if (auto* settings = findChild<QDockWidget*>(QStringLiteral("settingsDock")))
        tabifyDockWidget(settings, runsDock);

    comparisonView_ = new ComparisonView(this);
    auto* compareDock = new QDockWidget(tr("Comparison"), this);
    compareDock->setObjectName(QStringLiteral("comparisonDock"));
    compareDock->setWidget(comparisonView_);
    addDockWidget(Qt::LeftDockWidgetArea, compareDock);
    tabifyDockWidget(runsDock, compareDock); // no height taken from the views
    if (auto* setup = findChild<QDockWidget*>(QStringLiteral("setupDock")))
        setup->raise();

    connect(browser_, &RunBrowser::openRequested, this, [this](const QString& p) { openLog(p); });
    connect(browser_, &RunBrowser::compareRequested, this, &MainWindow::compareRuns);
    connect(browser_, &RunBrowser::reportRequested, this, [this](const QStringList& p) {
        if (p.size() == 1 ? openLog(p.first()) : compareRuns(p))
            exportReport();
    });
    // A new main run (a log opened, a run started, the views cleared) ends the comparison.
    connect(dashboard_->layerTable(), &QAbstractItemModel::modelReset, this, &MainWindow::resetComparison);
    // The shown run's log listed after the comparison began (the first scan, a
    // run just ended): its final figures and model hash join the comparison.
    connect(browser_->model(), &QAbstractItemModel::rowsInserted, this, [this] {
        if (!compared_.empty() && comparisonView_->runs().front().source.isEmpty())
            updateComparison();
    });
}

bool MainWindow::compareRuns(const QStringList& paths)
{
    if (paths.isEmpty() || !openLog(paths.first()))
        return false;
    bool all = true;
    for (int i = 1; i < paths.size(); ++i)
        all = compareWith(paths[i]) && all;
    return all;
}

ComparedRun MainWindow::shownRun() const
{
    ComparedRun r;
    r.config = shownConfig_;
    if (const auto* results = qobject_cast<const LayerResultsModel*>(dashboard_->layerTable()))
        r.layers = results->layers();
    if (const RunEntry* e = logOfShownRun(*browser_->model(), r.layers)) {
        r.source = e->path;
        r.finished = e->summary.finished;
        r.modelSha256 = e->summary.info.modelSha256;
        return r;
    }
    // Not listed (yet): the run just made in the window, or a log from elsewhere.
    const adaround::RunResult& last = controller_->result();
    if (controller_->finishedRun() && sameLayers(last.layers, r.layers)) {
        r.source = controller_->logPath();
        if (last.end == adaround::RunEnd::Completed)
            r.finished = last.final;
    }
    // A log opened from outside the runs folders: its figures as the window showed them.
    if (!r.finished && shownEvents_.record().finished)
        r.finished = shownEvents_.record().finished;
    r.modelSha256 = modelHash(QString::fromStdString(shownConfig_.modelPath));
    return r;
}

void MainWindow::addToComparison(const QString& path, const adaround::RunLog& log)
{
    ComparedRun r;
    r.source = path;
    r.config = log.record.started.config;
    r.layers = log.record.layers;
    r.finished = log.record.finished;
    r.modelSha256 = log.info.modelSha256;
    compared_.push_back(std::move(r));
    connect(clearComparisonsAction_, &QAction::triggered, this, &MainWindow::resetComparison, Qt::UniqueConnection);
    updateComparison();
    if (auto* dock = findChild<QDockWidget*>(QStringLiteral("comparisonDock"))) {
        dock->show();
        dock->raise();
    }
}

void MainWindow::resetComparison()
{
    if (compared_.empty())
        return;
    compared_.clear();
    comparisonView_->setRuns({});
    comparisonView_->setWarning({});
}

void MainWindow::updateComparison()
{
    std::vector<ComparedRun> runs{shownRun()};
    runs.insert(runs.end(), compared_.begin(), compared_.end());
    std::vector<adaround::AdaRoundConfig> configs;
    QStringList fallbacks;
    for (const ComparedRun& r : runs) {
        configs.push_back(r.config);
        fallbacks << (r.source.isEmpty() ? tr("shown run") : QFileInfo(r.source).completeBaseName());
    }
    const QStringList names = comparisonNames(configs, fallbacks);
    for (size_t i = 0; i < runs.size(); ++i) {
        runs[i].label = names[int(i)];
        runs[i].color = ComparisonView::runColor(int(i));
        runs[i].tooltip = i == 0 ? tr("The run shown in the views") + (runs[i].source.isEmpty() ? QString() : QStringLiteral("\n") + runs[i].source)
                                 : comparisonTooltip(runs[i].config, runs[0].config, runLetter(0)) +
                                       QStringLiteral("\n") + runs[i].source;
    }
    const QString warning = differentModelsWarning(runs);
    const bool newWarning = warning != comparisonView_->warning();
    comparisonView_->setRuns(runs);
    comparisonView_->setWarning(warning);
    if (!warning.isEmpty() && newWarning)
        messages_->showMessage(MessageBar::Error, warning);
}

bool MainWindow::writeReport(const QString& file, QString* error)
{
    ReportContent c;
    const bool comparison = !compared_.empty();
    if (comparison) {
        c.runs = comparisonView_->runs();
        c.runs.front() = shownRun(); // its figures as they are now (a live run may have ended)
        c.runs.front().label = comparisonView_->runs().front().label;
        c.runs.front().color = comparisonView_->runs().front().color;
        c.warning = comparisonView_->warning();
        c.title = tr("AdaRound comparison of %n runs", nullptr, int(c.runs.size()));
        c.tableTitle = tr("Per-layer results side by side");
        c.layerTable = comparisonView_->layerModel();
    } else {
        if (!runShown_) {
            if (error)
                *error = tr("Nothing to report: open a run log or make a run first.");
            return false;
        }
        ComparedRun r = shownRun();
        r.label = r.source.isEmpty() ? tr("run") : QFileInfo(r.source).completeBaseName();
        r.color = ComparisonView::runColor(0);
        c.title = tr("AdaRound run %1").arg(r.label);
        c.runs = {r};
        c.tableTitle = tr("Per-layer results");
        c.layerTable = dashboard_->layerTable();
    }
    for (const QString& name : dashboard_->plotNames())
        if (QCustomPlot* p = dashboard_->plot(name))
            c.plots.append({name.left(1).toUpper() + name.mid(1), plotImage(p)});
    if (comparison)
        for (const QString& name : comparisonView_->plotNames())
            c.plots.append({name == QLatin1String("beta") ? tr("β schedules") : tr("Final top-1 of each run"),
                            plotImage(comparisonView_->plot(name))});
    return ::writeReport(c, file, error);
}

void MainWindow::exportReport()
{
    auto* dialog = new QFileDialog(this, tr("Export a report of the %1").arg(compared_.empty() ? tr("shown run")
                                                                                              : tr("comparison")));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilters({tr("HTML report (*.html)"), tr("PDF report (*.pdf)")});
    dialog->setDefaultSuffix(QStringLiteral("html"));
    dialog->selectFile(QStringLiteral("adaround-report.html"));
    connect(dialog, &QFileDialog::filterSelected, dialog, [dialog](const QString& filter) {
        dialog->setDefaultSuffix(filter.contains(QLatin1String("pdf")) ? QStringLiteral("pdf") : QStringLiteral("html"));
    });
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& file) {
        QString error;
        if (writeReport(file, &error))
            statusBar()->showMessage(tr("Saved the report %1").arg(file), 5000);
        else
            showError(tr("Could not write the report: %1").arg(error));
    });
    dialog->open(); // not exec(): a run keeps drawing
}
