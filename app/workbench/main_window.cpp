// The orchestrator: builds the window from its parts and keeps the setup
// (model, folders, layer table, panel) and the run configuration in step.
// The window's other jobs live beside it: main_window_menus.cpp (docks,
// actions, status bar), main_window_run.cpp (run wiring and progress),
// main_window_documents.cpp (logs, settings files, exports),
// main_window_persistence.cpp (QSettings), main_window_drop.cpp (drag and drop).
#include "main_window.h"

#include "adaround/bit_plan.h"
#include "adaround/error.h"
#include "adaround/model.h"
#include "adaround/run_log.h"
#include "app_icon.h"
#include "data_folders_widget.h"
#include "demo_locator.h"
#include "hyperparameter_panel.h"
#include "layer_editor.h"
#include "layer_table_model.h"
#include "message_bar.h"
#include "recent_files.h"
#include "replay_bar.h"
#include "run_controller.h"
#include "run_dashboard.h"
#include "run_replay.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QProcess>
#include <QScreen>
#include <QStatusBar>
#include <QUndoStack>
#include <QVBoxLayout>

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
    replay_ = new RunReplay(this);
    replayBar_ = new ReplayBar(replay_, central); // shown while a stored run is replayed
    layout->addWidget(messages_);
    layout->addWidget(replayBar_);
    layout->addWidget(dashboard_, 1);
    setCentralWidget(central);

    createDocks();
    createActions();
    createStatusBar();
    connectRun();
    connectReplay();
    setLiveViews(true);
    connect(panel_, &HyperparameterPanel::bitsChanged, this, &MainWindow::applyBitPlan);
    connect(panel_, &HyperparameterPanel::presetApplied, this, &MainWindow::onPresetApplied);
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
    setupUndo_->disconnect(this); // its destructor clears it, which signals a change
}

bool MainWindow::openModel(const QString& path)
{
    try {
        auto model = adaround::Model::load(path.toStdString());
        modelLayers_ = model->layers();
        modelPath_ = QFileInfo(path).absoluteFilePath();
        const std::vector<std::string> off = layers_->rtnOnlyLayers(); // kept by name
        layers_->setLayers(modelLayers_, defaultBits());
        if (!off.empty())
            layers_->setRtnOnlyLayers(off);
        layers_->setFloatLayers(model->floatLayers());
        QString label = tr("<b>%1</b> — %2 quantizable layers")
                            .arg(QFileInfo(path).fileName().toHtmlEscaped())
                            .arg(modelLayers_.size());
        if (!model->floatLayers().empty())
            label += tr(", %n left in float (not quantized)", nullptr, int(model->floatLayers().size()));
        modelLabel_->setText(label);
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
        return false; // shown once, in the message bar (dismissable)
    }
}

void MainWindow::openDemo()
{
    const DemoLocation demo = locateDemo();
    if (demo.ready) {
        const bool ok = openModel(demo.model);
        if (ok) {
            setDataFolders(demo.calibDir, demo.evalDir);
            panel_->applyPreset(ConfigPreset::Teaching); // the demo is for seeing AdaRound work
        }
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
    c.classNames = folders_->classNames(); // reads the class-list file: may throw adaround::Error
    c.classesOrigin = folders_->classesOrigin();
    c.bits.overrides.clear();
    c.rtnOnlyLayers.clear();
    c.layerOverrides.clear();
    if (!modelLayers_.empty()) {
        // Only the layers whose bits differ from the plan become overrides: the
        // saved config stays as short as the choices the user made.
        const std::vector<int> planned = adaround::resolveBits(modelLayers_, c.bits);
        for (size_t i = 0; i < modelLayers_.size(); ++i)
            if (layers_->bits()[i] != planned[i])
                c.bits.overrides.emplace_back(modelLayers_[i].name, layers_->bits()[i]);
        c.rtnOnlyLayers = layers_->rtnOnlyLayers();
        for (const auto& [name, knobs] : layers_->layerOverrides()) // only this model's layers
            for (const auto& l : modelLayers_)
                if (l.name == name)
                    c.layerOverrides[name] = knobs;
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
    folders_->setClassNames(c.classNames);
    if (modelLayers_.empty())
        return;
    try {
        layers_->setLayers(modelLayers_, adaround::resolveBits(modelLayers_, c.bits));
        layers_->setRtnOnlyLayers(c.rtnOnlyLayers);
        layers_->setLayerOverrides(c.layerOverrides);
        std::vector<std::string> chosen; // the settings' per-layer bits count as set by the user
        for (const auto& [name, bits] : c.bits.overrides)
            chosen.push_back(name);
        layers_->setUserSetBitsLayers(chosen);
    } catch (const adaround::Error& e) {
        showError(tr("The settings do not fit this model: %1").arg(QString::fromStdString(e.what())));
    }
}

void MainWindow::updateActions()
{
    const bool running = controller_->isRunning();
    runAction_->setEnabled(!running && !modelPath_.isEmpty());
    pauseAction_->setEnabled(running);
    cancelAction_->setEnabled(running);
    openLogAction_->setEnabled(!running); // the views show the live run until it ends
    replayAction_->setEnabled(!running);
    compareAction_->setEnabled(runShown_);
    clearComparisonsAction_->setEnabled(runShown_);
    exportModelAction_->setEnabled(!running && controller_->finishedRun() &&
                                   controller_->result().end == adaround::RunEnd::Completed);
    for (QWidget* w : setupWidgets_)
        w->setEnabled(!running);
    updateSetupActions(running);
    updateEvaluateAction();
}

QString MainWindow::messageText() const
{
    return messages_->text();
}

QString MainWindow::finalAccuracyText() const
{
    return resultLabel_->text();
}

void MainWindow::showError(const QString& text, const QString& actionText, std::function<void()> action)
{
    lastError_ = text;
    messages_->showMessage(MessageBar::Error, text, actionText, std::move(action));
}

void MainWindow::showInfo(const QString& text)
{
    messages_->showMessage(MessageBar::Info, text);
}
