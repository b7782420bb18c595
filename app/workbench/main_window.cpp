#include "main_window.h"

#include "adaround/bit_plan.h"
#include "adaround/config_json.h"
#include "adaround/error.h"
#include "adaround/model.h"
#include "adaround/run_export.h"
#include "adaround/versions.h"
#include "app_icon.h"
#include "data_folders_widget.h"
#include "demo_locator.h"
#include "hyperparameter_panel.h"
#include "layer_editor.h"
#include "layer_table_model.h"
#include "message_bar.h"
#include "recent_files.h"
#include "adaround/run_log.h"
#include "config_diff.h"
#include "run_controller.h"
#include "run_dashboard.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProcess>
#include <QProgressBar>
#include <QScrollArea>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace {

QString percent(double v)
{
    return QString::number(v, 'f', 2) + QLatin1Char('%');
}

} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(tr("AdaRound Workbench"));
    setWindowIcon(appIcon());
    setAcceptDrops(true);
    setDockNestingEnabled(true);
    runsFolder_ = QString::fromStdString(adaround::defaultRunsDir()); // the CLI's folder too

    layers_ = new LayerTableModel(this);
    panel_ = new HyperparameterPanel(this);
    controller_ = new RunController(this);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 4);
    messages_ = new MessageBar(central);
    dashboard_ = new RunDashboard(central);
    layout->addWidget(messages_);
    layout->addWidget(dashboard_, 1);
    setCentralWidget(central);

    createDocks();
    createActions();
    createStatusBar();
    connectRun();
    setLiveViews(true);
    connect(panel_, &HyperparameterPanel::bitsChanged, this, &MainWindow::applyBitPlan);
    updateActions();
    // A first start without saved geometry: large, but never larger than the screen.
    const QSize available = screen() ? screen()->availableSize() : QSize(1500, 940);
    resize(QSize(1500, 940).boundedTo(available * 0.95));
}

MainWindow::~MainWindow()
{
    // Stop a run while the window is still whole: the controller's end signal
    // must not reach a half-destroyed window.
    controller_->disconnect(this);
    controller_->events()->disconnect(this);
    delete controller_;
}

void MainWindow::createDocks()
{
    auto* setup = new QWidget(this);
    auto* layout = new QVBoxLayout(setup);
    modelLabel_ = new QLabel(tr("Open a TorchScript model (File > Open Model, Ctrl+O), drop a .pt file here, or "
                                "open the demo."),
                             setup);
    modelLabel_->setWordWrap(true);
    folders_ = new DataFoldersWidget(setup);
    layerEditor_ = new LayerEditor(layers_, setup);
    layout->addWidget(modelLabel_);
    layout->addWidget(folders_);
    layout->addWidget(layerEditor_, 1);
    auto* setupDock = new QDockWidget(tr("Model and layers"), this);
    setupDock->setObjectName(QStringLiteral("setupDock"));
    setupDock->setWidget(setup);
    addDockWidget(Qt::LeftDockWidgetArea, setupDock);

    auto* scroll = new QScrollArea(this);
    scroll->setWidget(panel_);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* settingsDock = new QDockWidget(tr("Hyperparameters"), this);
    settingsDock->setObjectName(QStringLiteral("settingsDock"));
    settingsDock->setWidget(scroll);
    // The panel never scrolls sideways: its dock is as wide as its editors need.
    scroll->setMinimumWidth(panel_->sizeHint().width() + scroll->verticalScrollBar()->sizeHint().width() + 4);
    addDockWidget(Qt::LeftDockWidgetArea, settingsDock);
    // Tabbed, so the live views keep most of the window; either can be torn off.
    tabifyDockWidget(setupDock, settingsDock);
    setupDock->raise();
    resizeDocks({setupDock}, {470}, Qt::Horizontal);
    setupWidgets_ = {folders_, layerEditor_, panel_};
}

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open Model..."), this,
                                    &MainWindow::chooseModel);
    open->setShortcut(QKeySequence::Open);
    QAction* demo = file->addAction(tr("Open &Demo (Fashion-MNIST)"), this, &MainWindow::openDemo);
    demo->setToolTip(tr("The embedded demo: a compact CNN trained on Fashion-MNIST, with its calibration and "
                        "evaluation images"));
    recentModels_ = new RecentFiles(QStringLiteral("recent/models"), file->addMenu(tr("Recent &Models")), this);
    connect(recentModels_, &RecentFiles::chosen, this, [this](const QString& p) { openModel(p); });
    file->addSeparator();
    openLogAction_ = file->addAction(tr("Open &Log..."), this, [this] { chooseLog(false); });
    openLogAction_->setShortcut(tr("Ctrl+L"));
    openLogAction_->setToolTip(tr("Show a stored run (HDF5 run log) in the views"));
    compareAction_ = file->addAction(tr("&Compare With..."), this, [this] { chooseLog(true); });
    compareAction_->setShortcut(tr("Ctrl+Shift+L"));
    compareAction_->setToolTip(tr("Overlay other runs' loss and accuracy curves, named by the settings that differ"));
    clearComparisonsAction_ = file->addAction(tr("Clear Comparisons"), this, [this] { dashboard_->clearComparisons(); });
    recentLogs_ = new RecentFiles(QStringLiteral("recent/logs"), file->addMenu(tr("Recent Lo&gs")), this);
    connect(recentLogs_, &RecentFiles::chosen, this, [this](const QString& p) { openLog(p); });
    file->addSeparator();
    file->addAction(tr("&Load Settings..."), this, &MainWindow::loadConfig);
    file->addAction(tr("&Save Settings..."), this, &MainWindow::saveConfig);
    file->addSeparator();
    QMenu* exports = file->addMenu(tr("&Export"));
    exportModelAction_ = exports->addAction(tr("Quantized &Model and Encodings..."), this, &MainWindow::exportModel);
    exportModelAction_->setShortcut(tr("Ctrl+E"));
    exportViewsMenu_ = exports;
    exports->addSeparator();
    for (const QString& name : dashboard_->plotNames())
        exports->addAction(tr("%1 Plot (PNG or PDF)...").arg(name.left(1).toUpper() + name.mid(1)), this,
                           [this, name] { exportPlot(name); });
    exports->addAction(tr("Per-Layer &Table (CSV)..."), this, &MainWindow::exportLayerTable);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    runAction_ = run->addAction(QIcon::fromTheme(QStringLiteral("media-playback-start")), tr("&Run AdaRound"), this,
                                [this] { startRun(); });
    runAction_->setShortcut(tr("Ctrl+R"));
    pauseAction_ = run->addAction(QIcon::fromTheme(QStringLiteral("media-playback-pause")), tr("&Pause"));
    pauseAction_->setCheckable(true);
    pauseAction_->setShortcut(tr("Ctrl+P"));
    connect(pauseAction_, &QAction::toggled, this, &MainWindow::setPaused);
    cancelAction_ = run->addAction(QIcon::fromTheme(QStringLiteral("process-stop")), tr("&Cancel"), this,
                                   &MainWindow::cancelRun);
    cancelAction_->setShortcuts({QKeySequence(Qt::Key_Escape), QKeySequence(tr("Ctrl+."))});
    run->addSeparator();
    QMenu* presets = run->addMenu(tr("Pre&sets"));
    const QStringList names = presetNames();
    for (int i = 0; i < names.size(); ++i)
        presets->addAction(names[i], this, [this, i] { panel_->applyPreset(ConfigPreset(i)); });

    QMenu* layersMenu = menuBar()->addMenu(tr("&Layers"));
    layersMenu->addAction(tr("Select &All"), this, [this] { layerEditor_->view()->selectAll(); });
    layersMenu->addAction(tr("Select &Depthwise Convs"), layerEditor_, &LayerEditor::selectDepthwise);
    QMenu* bits = layersMenu->addMenu(tr("Set &Bits of Selection"));
    for (int b = 2; b <= 8; ++b)
        bits->addAction(tr("%1 bits").arg(b), this, [this, b] { layerEditor_->setSelectedBits(b); });
    bits->addAction(tr("fp32 (keep float)"), this, [this] { layerEditor_->setSelectedBits(0); });
    layersMenu->addAction(tr("AdaRound &On for Selection"), this, [this] { layerEditor_->setSelectedOptimised(true); });
    layersMenu->addAction(tr("&RTN Only for Selection"), this, [this] { layerEditor_->setSelectedOptimised(false); });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* d : findChildren<QDockWidget*>())
        view->addAction(d->toggleViewAction());

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About"), this, &MainWindow::showAbout);

    QToolBar* tools = addToolBar(tr("Run"));
    tools->setObjectName(QStringLiteral("runToolBar"));
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->addAction(open);
    tools->addAction(demo);
    tools->addSeparator();
    tools->addAction(runAction_);
    tools->addAction(pauseAction_);
    tools->addAction(cancelAction_);
}

void MainWindow::createStatusBar()
{
    layerBar_ = new QProgressBar(this);
    layerBar_->setRange(0, 1000);
    layerBar_->setMinimumWidth(260);
    layerBar_->setToolTip(tr("Progress of the layer being optimised"));
    overallBar_ = new QProgressBar(this);
    overallBar_->setRange(0, 1000);
    overallBar_->setMinimumWidth(160);
    overallBar_->setToolTip(tr("Progress of the whole run"));
    etaLabel_ = new QLabel(this);
    resultLabel_ = new QLabel(this);
    resultLabel_->setObjectName(QStringLiteral("finalAccuracy"));
    resultLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addPermanentWidget(resultLabel_);
    statusBar()->addPermanentWidget(layerBar_);
    statusBar()->addPermanentWidget(overallBar_);
    statusBar()->addPermanentWidget(etaLabel_);
    layerBar_->hide();
    overallBar_->hide();
    statusBar()->showMessage(tr("Ready"));
}

void MainWindow::connectRun()
{
    connect(controller_->events(), &RunEventBridge::runEvent, this, [this](const SharedRunEvent& e) {
        if (progress_.apply(*e))
            updateProgress();
        if (const auto* f = std::get_if<adaround::RunFinished>(e.get()))
            showFinalAccuracy(f);
    });
    connect(controller_, &RunController::runEnded, this, &MainWindow::onRunEnded);
}

void MainWindow::setLiveViews(bool on)
{
    for (const auto& c : liveViews_)
        disconnect(c);
    liveViews_.clear();
    if (!on)
        return;
    liveViews_ = {connect(controller_->events(), &RunEventBridge::runEvent, dashboard_,
                          [this](const SharedRunEvent& e) { dashboard_->onRunEvent(*e); })};
}

void MainWindow::updateProgress()
{
    const int n = progress_.layerCount();
    const int layer = progress_.currentLayer();
    layerBar_->setValue(int(progress_.layerFraction() * 1000));
    layerBar_->setFormat(layer < 0 ? tr("preparing...")
                                   : tr("layer %1/%2 %3: %p%").arg(layer + 1).arg(n).arg(progress_.currentLayerName()));
    overallBar_->setValue(int(progress_.overallFraction() * 1000));
    overallBar_->setFormat(tr("run: %p%"));
    const double eta = progress_.etaSeconds();
    etaLabel_->setText(eta < 0 ? tr("ETA --:--") : tr("ETA %1").arg(RunProgress::formatDuration(eta)));
}

bool MainWindow::openModel(const QString& path)
{
    try {
        auto model = adaround::Model::load(path.toStdString());
        modelLayers_ = model->layers();
        modelPath_ = QFileInfo(path).absoluteFilePath();
        applyBitPlan();
        modelLabel_->setText(tr("<b>%1</b> — %2 quantizable layers")
                                 .arg(QFileInfo(path).fileName().toHtmlEscaped())
                                 .arg(modelLayers_.size()));
        modelLabel_->setToolTip(QDir::toNativeSeparators(modelPath_));
        statusBar()->showMessage(tr("Loaded %1").arg(path), 5000);
        setWindowTitle(tr("%1 — AdaRound Workbench").arg(QFileInfo(path).fileName()));
        if (persist_)
            recentModels_->add(path);
        lastError_.clear();
        updateActions();
        return true;
    } catch (const adaround::Error& e) {
        showError(tr("Could not open the model: %1").arg(QString::fromStdString(e.what())));
        lastError_ = QString::fromStdString(e.what());
        statusBar()->showMessage(lastError_);
        return false;
    }
}

void MainWindow::applyBitPlan()
{
    if (modelLayers_.empty())
        return;
    adaround::BitPlan plan = panel_->config().bits;
    plan.overrides.clear();
    const std::vector<std::string> off = layers_->rtnOnlyLayers();
    layers_->setLayers(modelLayers_, adaround::resolveBits(modelLayers_, plan));
    if (!off.empty())
        layers_->setRtnOnlyLayers(off);
}

void MainWindow::openDemo()
{
    const DemoLocation demo = locateDemo();
    if (demo.ready) {
        const bool ok = openModel(demo.model);
        if (ok)
            setDataFolders(demo.calibDir, demo.evalDir);
        emit demoOpened(ok);
        return;
    }
    if (demo.prepareProgram.isEmpty()) {
        showError(tr("The demo's images are not prepared and adaround-prepare-demo was not found. Run "
                     "adaround-prepare-demo once (it needs Debian's dataset-fashion-mnist package)."));
        emit demoOpened(false);
        return;
    }
    if (prepareDemo_)
        return; // already preparing
    showInfo(tr("Preparing the Fashion-MNIST demo images (once, about a minute)..."));
    prepareDemo_ = new QProcess(this);
    connect(prepareDemo_, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        const QString output = QString::fromLocal8Bit(prepareDemo_->readAllStandardError()).trimmed();
        prepareDemo_->deleteLater();
        prepareDemo_ = nullptr;
        if (status == QProcess::NormalExit && code == 0 && locateDemo().ready) {
            messages_->hide();
            openDemo();
        } else {
            showError(tr("Could not prepare the demo: %1").arg(output.isEmpty() ? tr("exit code %1").arg(code) : output));
            emit demoOpened(false);
        }
    });
    prepareDemo_->start(demo.prepareProgram, {});
}

void MainWindow::setDataFolders(const QString& calib, const QString& eval)
{
    folders_->setFolders(calib, eval);
}

adaround::AdaRoundConfig MainWindow::buildConfig() const
{
    adaround::AdaRoundConfig c = panel_->config();
    c.modelPath = modelPath_.toStdString();
    c.calibDir = folders_->calibDir().toStdString();
    c.evalDir = folders_->evalDir().toStdString();
    c.bits.overrides.clear();
    c.rtnOnlyLayers.clear();
    if (!modelLayers_.empty()) {
        // Only the layers whose bits differ from the plan become overrides: the
        // saved config stays as short as the choices the user made.
        const std::vector<int> planned = adaround::resolveBits(modelLayers_, c.bits);
        for (size_t i = 0; i < modelLayers_.size(); ++i)
            if (layers_->bits()[i] != planned[i])
                c.bits.overrides.emplace_back(modelLayers_[i].name, layers_->bits()[i]);
        c.rtnOnlyLayers = layers_->rtnOnlyLayers();
    }
    return c;
}

void MainWindow::applyConfig(const adaround::AdaRoundConfig& c)
{
    const QString model = QString::fromStdString(c.modelPath);
    if (!model.isEmpty() && QFileInfo(model).absoluteFilePath() != modelPath_ && !openModel(model))
        return;
    panel_->setConfig(c);
    if (!c.calibDir.empty() || !c.evalDir.empty())
        setDataFolders(QString::fromStdString(c.calibDir), QString::fromStdString(c.evalDir));
    if (modelLayers_.empty())
        return;
    try {
        layers_->setLayers(modelLayers_, adaround::resolveBits(modelLayers_, c.bits));
        layers_->setRtnOnlyLayers(c.rtnOnlyLayers);
    } catch (const adaround::Error& e) {
        showError(tr("The settings do not fit this model: %1").arg(QString::fromStdString(e.what())));
    }
}

bool MainWindow::startRun()
{
    if (controller_->isRunning())
        return false;
    if (modelPath_.isEmpty()) {
        showError(tr("Open a model first (File > Open Model, or the demo)."));
        return false;
    }
    const adaround::AdaRoundConfig config = buildConfig();
    QString error;
    try {
        config.validate();
        if (config.calibDir.empty() || config.evalDir.empty())
            throw adaround::Error("choose the calibration and evaluation image folders");
    } catch (const adaround::Error& e) {
        showError(tr("Cannot start the run: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
    const QString logPath = QString::fromStdString(adaround::defaultRunLogPath(runsFolder_.toStdString()));
    if (!controller_->start(config, logPath, &error)) {
        showError(error);
        return false;
    }
    dashboard_->clear();
    shownConfig_ = config;
    runShown_ = true;
    messages_->hide();
    resultLabel_->clear();
    progress_ = {};
    layerBar_->show();
    overallBar_->show();
    updateProgress();
    statusBar()->showMessage(tr("Running AdaRound on %1...").arg(QFileInfo(modelPath_).fileName()));
    updateActions();
    return true;
}

void MainWindow::cancelRun()
{
    if (!controller_->isRunning())
        return;
    controller_->cancel();
    statusBar()->showMessage(tr("Cancelling: the run stops after its current step..."));
}

void MainWindow::setPaused(bool paused)
{
    if (!controller_->isRunning())
        return;
    paused ? controller_->pause() : controller_->resume();
    pauseAction_->setChecked(paused);
    statusBar()->showMessage(paused ? tr("Paused (Ctrl+P resumes)") : tr("Running..."));
}

bool MainWindow::isRunning() const
{
    return controller_->isRunning();
}

void MainWindow::onRunEnded()
{
    const adaround::RunResult& r = controller_->result();
    const QString log = QDir::toNativeSeparators(controller_->logPath());
    switch (r.end) {
    case adaround::RunEnd::Completed:
        statusBar()->showMessage(tr("Run completed in %1; log: %2").arg(RunProgress::formatDuration(r.final.seconds), log));
        break;
    case adaround::RunEnd::Cancelled:
        statusBar()->showMessage(tr("Run cancelled after %n layer(s); log: %1", nullptr, int(r.layers.size())).arg(log));
        break;
    case adaround::RunEnd::Failed:
        showError(tr("The run failed: %1").arg(QString::fromStdString(r.error)));
        statusBar()->showMessage(tr("Run failed."));
        break;
    }
    if (!controller_->logError().isEmpty())
        showError(tr("The run log %1 is incomplete: %2").arg(log, controller_->logError()));
    else if (persist_)
        recentLogs_->add(controller_->logPath());
    pauseAction_->setChecked(false);
    etaLabel_->clear();
    layerBar_->hide();
    if (r.end != adaround::RunEnd::Completed)
        overallBar_->hide();
    updateActions();
    emit runEnded();
}

void MainWindow::updateActions()
{
    const bool running = controller_->isRunning();
    runAction_->setEnabled(!running && !modelPath_.isEmpty());
    pauseAction_->setEnabled(running);
    cancelAction_->setEnabled(running);
    openLogAction_->setEnabled(!running); // the views show the live run until it ends
    compareAction_->setEnabled(runShown_);
    clearComparisonsAction_->setEnabled(runShown_);
    exportModelAction_->setEnabled(!running && controller_->finishedRun() &&
                                   controller_->result().end == adaround::RunEnd::Completed);
    for (QWidget* w : setupWidgets_)
        w->setEnabled(!running);
}

QString MainWindow::messageText() const
{
    return messages_->text();
}

QString MainWindow::finalAccuracyText() const
{
    return resultLabel_->text();
}

void MainWindow::showError(const QString& text)
{
    lastError_ = text;
    messages_->showMessage(MessageBar::Error, text);
}

void MainWindow::showInfo(const QString& text)
{
    messages_->showMessage(MessageBar::Info, text);
}

void MainWindow::chooseModel()
{
    const QString start = persist_ ? QSettings().value(QStringLiteral("folders/model")).toString() : QString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open TorchScript model"), start,
                                                      tr("TorchScript models (*.pt *.pth *.ts);;All files (*)"));
    if (path.isEmpty())
        return;
    if (persist_)
        QSettings().setValue(QStringLiteral("folders/model"), QFileInfo(path).absolutePath());
    openModel(path);
}

void MainWindow::openPath(const QString& path)
{
    const QFileInfo info(path);
    if (info.isDir()) {
        // A demo-like folder holds both splits; any other folder is an image folder.
        const QDir dir(path);
        if (dir.exists(QStringLiteral("calib")) && dir.exists(QStringLiteral("eval")))
            setDataFolders(dir.filePath(QStringLiteral("calib")), dir.filePath(QStringLiteral("eval")));
        else if (folders_->calibDir().isEmpty())
            setDataFolders(path, folders_->evalDir());
        else
            setDataFolders(folders_->calibDir(), path);
        return;
    }
    const QString suffix = info.suffix().toLower();
    if (suffix == QLatin1String("h5")) {
        openLog(path);
        return;
    }
    if (suffix == QLatin1String("json")) {
        loadSettings(path);
        return;
    }
    openModel(path);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls() && !controller_->isRunning())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile())
            openPath(url.toLocalFile());
    event->acceptProposedAction();
}

bool MainWindow::loadSettings(const QString& path)
{
    try {
        applyConfig(adaround::loadConfigFile(path.toStdString(), buildConfig()));
        return true;
    } catch (const adaround::Error& e) {
        showError(tr("Could not load the settings: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
}

void MainWindow::loadConfig()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load settings"), QString(),
                                                      tr("Run settings (*.json);;All files (*)"));
    if (!path.isEmpty())
        openPath(path);
}

void MainWindow::saveConfig()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Save settings"), QStringLiteral("adaround-config.json"),
                                                tr("Run settings (*.json)"));
    if (path.isEmpty())
        return;
    try {
        adaround::saveConfigFile(buildConfig(), path.toStdString());
        statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
    } catch (const adaround::Error& e) {
        showError(QString::fromStdString(e.what()));
    }
}

void MainWindow::exportModel()
{
    adaround::AdaRoundRun* run = controller_->finishedRun();
    if (!run)
        return;
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export the quantized model into"));
    if (dir.isEmpty())
        return;
    try {
        const auto files = adaround::exportRun(*run, controller_->result(), dir.toStdString());
        showInfo(tr("Exported %n file(s) to %1: model.pt (TorchScript), encodings.json (AIMET) and the integer "
                    "weights as .npy.", nullptr, int(files.size()))
                     .arg(QDir::toNativeSeparators(dir)));
    } catch (const adaround::Error& e) {
        showError(tr("Export failed: %1").arg(QString::fromStdString(e.what())));
    }
}

bool MainWindow::openLog(const QString& path)
{
    if (controller_->isRunning()) {
        showError(tr("A run is going: its views stay until it ends. Use Compare With... to overlay a stored run."));
        return false;
    }
    try {
        const adaround::RunLog log = adaround::readRunLog(path.toStdString());
        dashboard_->clear();
        dashboard_->showRecord(log.record);
        shownConfig_ = log.record.started.config;
        runShown_ = true;
        // The run's settings go into the setup too, so it can be run again or varied.
        if (QFileInfo::exists(QString::fromStdString(shownConfig_.modelPath)))
            applyConfig(shownConfig_);
        showFinalAccuracy(log.record.finished ? &*log.record.finished : nullptr);
        messages_->hide();
        QString status = QString::fromStdString(log.info.status);
        if (!log.info.error.empty())
            status += QStringLiteral(": ") + QString::fromStdString(log.info.error);
        statusBar()->showMessage(tr("Run log %1 (%2, %n layer(s))", nullptr, log.record.layersDone)
                                     .arg(QFileInfo(path).fileName(), status));
        if (persist_)
            recentLogs_->add(path);
        updateActions();
        return true;
    } catch (const adaround::Error& e) {
        showError(tr("Could not open the run log: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
}

bool MainWindow::compareWith(const QString& path)
{
    if (!runShown_) {
        showError(tr("Open a run log or start a run first; other runs are overlaid on it."));
        return false;
    }
    try {
        const adaround::RunLog log = adaround::readRunLog(path.toStdString());
        const QString label = comparisonLabel(log.record.started.config, shownConfig_, QFileInfo(path).completeBaseName());
        dashboard_->addComparison(log.record, label);
        statusBar()->showMessage(tr("Overlaid %1 (%2)").arg(QFileInfo(path).fileName(), label), 5000);
        return true;
    } catch (const adaround::Error& e) {
        showError(tr("Could not open the run log: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
}

void MainWindow::showFinalAccuracy(const adaround::RunFinished* f)
{
    if (!f) {
        resultLabel_->clear();
        return;
    }
    resultLabel_->setText(tr("Top-1: FP32 %1 · RTN %2 · AdaRound %3")
                              .arg(percent(f->fp32.top1), percent(f->rtn.top1), percent(f->adaround.top1)));
}

void MainWindow::chooseLog(bool compare)
{
    const QStringList paths =
        compare ? QFileDialog::getOpenFileNames(this, tr("Compare with run logs"), runsFolder_, tr("Run logs (*.h5)"))
                : QStringList{QFileDialog::getOpenFileName(this, tr("Open run log"), runsFolder_, tr("Run logs (*.h5)"))};
    for (const QString& p : paths)
        if (!p.isEmpty())
            compare ? compareWith(p) : openLog(p);
}

void MainWindow::exportPlot(const QString& name)
{
    const QString file = QFileDialog::getSaveFileName(this, tr("Export the %1 plot").arg(name),
                                                      name + QStringLiteral(".png"), tr("PNG (*.png);;PDF (*.pdf)"));
    if (file.isEmpty())
        return;
    QString error;
    if (dashboard_->exportPlot(name, file, &error))
        statusBar()->showMessage(tr("Saved %1").arg(file), 5000);
    else
        showError(error);
}

void MainWindow::exportLayerTable()
{
    const QString file = QFileDialog::getSaveFileName(this, tr("Export the per-layer results"),
                                                      QStringLiteral("layers.csv"), tr("CSV (*.csv)"));
    if (file.isEmpty())
        return;
    QString error;
    if (dashboard_->exportLayerTableCsv(file, &error))
        statusBar()->showMessage(tr("Saved %1").arg(file), 5000);
    else
        showError(error);
}

void MainWindow::showAbout()
{
    // Window-modal and opened without exec(): the run and the views keep going.
    auto* box = new QMessageBox(this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowTitle(tr("About AdaRound Workbench"));
    box->setIconPixmap(appIcon().pixmap(64, 64));
    box->setText(tr("<b>AdaRound Workbench %1</b><p>Adaptive rounding for post-training quantization "
                    "(Nagel et al., \"Up or Down? Adaptive Rounding for Post-Training Quantization\", 2020), "
                    "live.</p><p>LibTorch %2, OpenCV %3, HDF5 %4, Qt %5</p>")
                     .arg(QString::fromStdString(adaround::appVersion()),
                          QString::fromStdString(adaround::torchVersion()),
                          QString::fromStdString(adaround::opencvVersion()),
                          QString::fromStdString(adaround::hdf5Version()), QString::fromLatin1(qVersion())));
    box->open();
}

void MainWindow::restoreSettings()
{
    persist_ = true;
    QSettings s;
    restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(s.value(QStringLiteral("window/state")).toByteArray());
    const QString panel = s.value(QStringLiteral("panel/config")).toString();
    if (!panel.isEmpty()) {
        try {
            panel_->setConfig(adaround::configFromJson(panel.toStdString()));
        } catch (const adaround::Error&) {
            // Settings from another version: keep the defaults.
        }
    }
    const QString calib = s.value(QStringLiteral("folders/calib")).toString();
    const QString eval = s.value(QStringLiteral("folders/eval")).toString();
    if (!calib.isEmpty() || !eval.isEmpty())
        setDataFolders(calib, eval);
    runsFolder_ = s.value(QStringLiteral("folders/runs"), runsFolder_).toString();
}

void MainWindow::writeSettings() const
{
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState());
    adaround::AdaRoundConfig knobs = panel_->config();
    knobs.modelPath.clear(); // the panel's values only; the model comes from the recent files
    knobs.calibDir.clear();
    knobs.evalDir.clear();
    knobs.bits.overrides.clear();
    knobs.rtnOnlyLayers.clear();
    s.setValue(QStringLiteral("panel/config"), QString::fromStdString(adaround::configToJson(knobs)));
    s.setValue(QStringLiteral("folders/calib"), folders_->calibDir());
    s.setValue(QStringLiteral("folders/eval"), folders_->evalDir());
    s.setValue(QStringLiteral("folders/runs"), runsFolder_);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (controller_->isRunning()) {
        // Cancel and wait: the engine stops at its next step, so this takes a moment.
        statusBar()->showMessage(tr("Cancelling the run before closing..."));
        controller_->cancel();
        controller_->wait();
    }
    if (persist_)
        writeSettings();
    event->accept();
}
