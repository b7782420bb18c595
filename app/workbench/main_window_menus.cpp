// The window's furniture: the setup and hyperparameter docks, the menus and
// tool bar with their actions, the status bar, and the About box.
#include "main_window.h"

#include "adaround/run_log.h"
#include "adaround/versions.h"
#include "app_icon.h"
#include "config_presets.h"
#include "dashboard_layout.h"
#include "data_folders_widget.h"
#include "help_pages.h"
#include "help_texts.h"
#include "hyperparameter_panel.h"
#include "layer_editor.h"
#include "log_path_label.h"
#include "presentation_mode.h"
#include "recent_files.h"
#include "run_controller.h"
#include "run_dashboard.h"
#include "teach_menu.h"
#include "weight_budget.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QScrollArea>
#include <QScrollBar>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>
#include <QWhatsThis>

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
    budget_ = new WeightBudget(layers_, setup);
    layout->addWidget(modelLabel_);
    layout->addWidget(folders_);
    layout->addWidget(layerEditor_, 1);
    layout->addWidget(budget_);
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
    createBrowserDocks(); // the run browser and the comparison (main_window_browser.cpp)
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
    createSweepActions(file);
    createSetupActions(file); // Use This Run's Settings here; the Edit menu after File (main_window_setup.cpp)
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
    file->addAction(tr("Export &Report (HTML or PDF)..."), this, &MainWindow::exportReport);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    runAction_ = run->addAction(QIcon::fromTheme(QStringLiteral("media-playback-start")), tr("&Run AdaRound"), this,
                                [this] { startRun(); });
    runAction_->setShortcut(tr("Ctrl+R"));
    runAction_->setObjectName(QStringLiteral("run"));
    pauseAction_ = run->addAction(QIcon::fromTheme(QStringLiteral("media-playback-pause")), tr("&Pause"));
    pauseAction_->setCheckable(true);
    pauseAction_->setShortcut(tr("Ctrl+P"));
    connect(pauseAction_, &QAction::toggled, this, &MainWindow::setPaused);
    cancelAction_ = run->addAction(QIcon::fromTheme(QStringLiteral("process-stop")), tr("&Cancel"), this,
                                   &MainWindow::cancelRun);
    const QList<QKeySequence> cancelKeys = {QKeySequence(Qt::Key_Escape), QKeySequence(tr("Ctrl+."))};
    cancelAction_->setShortcuts(cancelKeys);
    cancelAction_->setObjectName(QStringLiteral("cancel"));
    run->addSeparator();
    createReplayAction(run);
    createEvaluateAction(run);
    createLayerLabAction(run);
    createSweepRunActions(run); // main_window_sweep.cpp
    QMenu* presets = run->addMenu(tr("Pre&sets"));
    const QStringList names = presetNames();
    for (int i = 0; i < names.size(); ++i)
        presets->addAction(names[i], this, [this, i] { panel_->applyPreset(ConfigPreset(i)); })
            ->setToolTip(presetDescription(ConfigPreset(i)));
    presets->setToolTipsVisible(true);

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
    view->addSeparator();
    presentation_ = new PresentationMode(this, dashboard_);
    view->addAction(presentation_->toggleAction());
    QMenu* present = view->addMenu(tr("Present &View"));
    present->addActions(presentation_->viewActions());
    // Esc leaves presentation mode there: it must not cancel the run as well.
    connect(presentation_, &PresentationMode::activeChanged, this, [this, cancelKeys](bool on) {
        QList<QKeySequence> keys = cancelKeys;
        if (on)
            keys.removeAll(QKeySequence(Qt::Key_Escape));
        cancelAction_->setShortcuts(keys);
    });

    teachmenu::addRoundingToy(this); // the Teach menu, before Help
    createTeachMenu();
    createHelpMenu();

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
    layerBar_->setObjectName(QStringLiteral("layerProgress"));
    layerBar_->setRange(0, 1000);
    layerBar_->setMinimumWidth(260);
    layerBar_->setToolTip(tr("Progress of the layer being optimised"));
    overallBar_ = new QProgressBar(this);
    overallBar_->setObjectName(QStringLiteral("runProgress"));
    overallBar_->setRange(0, 1000);
    overallBar_->setMinimumWidth(160);
    overallBar_->setToolTip(tr("Progress of the whole run"));
    etaLabel_ = new QLabel(this);
    etaLabel_->setObjectName(QStringLiteral("eta"));
    resultLabel_ = new QLabel(this);
    resultLabel_->setObjectName(QStringLiteral("finalAccuracy"));
    resultLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // The log's path in a widget of its own: a long status message is cut off
    // before the permanent widgets instead of running under them.
    logPath_ = new LogPathLabel(this);
    statusBar()->addPermanentWidget(resultLabel_);
    statusBar()->addPermanentWidget(layerBar_);
    statusBar()->addPermanentWidget(overallBar_);
    statusBar()->addPermanentWidget(etaLabel_);
    statusBar()->addPermanentWidget(logPath_);
    connect(controller_->events(), &RunEventBridge::runEvent, logPath_, [this](const SharedRunEvent& e) {
        if (std::holds_alternative<adaround::RunStarted>(*e))
            logPath_->setPath(controller_->logPath());
    });
    layerBar_->hide();
    overallBar_->hide();
    statusBar()->showMessage(tr("Ready"));
}

void MainWindow::createHelpMenu()
{
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* guide = help->addAction(tr("&User Guide"), this, [this] { helppages::showUserGuide(this); });
    guide->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&Keyboard Shortcuts"), this, [this] { helppages::showShortcuts(this); });
    QAction* looking = help->addAction(tr("&What Am I Looking At?"), this, [this] {
        helppages::showLookingAt(this, dashboard_->arrangement()->focusedView());
    });
    looking->setToolTip(tr("What each run view shows and how to read it, with a glossary"));
    QAction* whatsThis = QWhatsThis::createAction(this);
    whatsThis->setText(tr("What's &This? (click a view)"));
    help->addAction(whatsThis);
    help->addSeparator();
    help->addAction(tr("&About"), this, &MainWindow::showAbout);
    // Shift+F1 and a click on a view explain it; the text is the help page's.
    for (const QString& name : helptexts::viewNames())
        if (QWidget* v = dashboard_->arrangement()->view(name))
            v->setWhatsThis(QStringLiteral("<h3>%1</h3>%2").arg(helptexts::viewTitle(name), helptexts::viewExplanation(name)));
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
