#pragma once
// The workbench's main window: an orchestrator. It wires the setup (model,
// data folders, layer table, hyperparameter panel), the run controller and the
// live views together, and keeps the desktop manners (settings, shortcuts,
// drag and drop, recent files).
#include "adaround/adaround_config.h"
#include "adaround/knob_value.h"
#include "adaround/layer_info.h"
#include "adaround/run_record.h"
#include "compared_run.h"
#include "run_progress.h"

#include <QMainWindow>

#include <exception>
#include <functional>

class ComparisonView;
class DataFoldersWidget;
class FlipsStore;
class FlipsView;
class HyperparameterPanel;
class LayerEditor;
class LayerLabWindow;
class AblationWindow;
class LayerTableModel;
enum class ConfigPreset;
class LogPathLabel;
class MessageBar;
class PresentationMode;
class QLabel;
class QMessageBox;
class QProgressBar;
class QProcess;
class QUndoStack;
class RecentFiles;
class RelaxationView;
class ReplayBar;
class RunBrowser;
class RunController;
class RunDashboard;
class RunReplay;
struct SetupSnapshot;
namespace adaround {
struct RunLog;
}
class RtnEvaluation;
class StudyWindow;
class SensitivityActions;
class SensitivityChart;
class SweepLauncher;
class WeightBudget;
class SweepView;
struct SweepRequest;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Loads MODEL and shows its layers; returns false (and shows why) on failure.
    bool openModel(const QString& path);
    // Opens the embedded Fashion-MNIST demo: its model and image folders, preparing
    // the folders first (in the background) if needed. Ends with demoOpened().
    void openDemo();
    void setDataFolders(const QString& calib, const QString& eval);

    // The run configuration from the panel, the table, the folders and the
    // class list (its file is read now: throws adaround::Error if it is bad).
    adaround::AdaRoundConfig buildConfig() const;
    // Shows CONFIG in the panel and the table (opening its model if it names another);
    // its per-layer overrides count as the user's choices.
    void applyConfig(const adaround::AdaRoundConfig& config);

    // The shown run's configuration into the setup, as one undoable change (Edit >
    // Undo, or Undo in the message); false (and a message) if there is none to use.
    // Viewing a run (openLog) never changes the setup by itself.
    bool useShownRunSettings();
    // Every layer back to the panel's default bits, forgetting per-layer choices (undoable).
    void resetBitsToDefault();
    QUndoStack* setupUndoStack() const { return setupUndo_; }
    DataFoldersWidget* dataFolders() const { return folders_; }

    // Applies the settings in a config JSON file over the current ones (only the
    // keys it has); false (and a message) on failure.
    bool loadSettings(const QString& path);

    // Starts a run of buildConfig() in the background; false (and a message) if it cannot start.
    bool startRun();
    void cancelRun();
    void setPaused(bool paused);
    bool isRunning() const;

    // Shows a stored run (HDF5 log) in the views; false (and a message) on failure.
    // A log whose integrity check failed is refused with an "Open anyway" button
    // that calls this again with OPEN_DAMAGED (parsed in the sandbox helper).
    bool openLog(const QString& path, bool openDamaged = false);
    // Replays a stored run as if it were live, at replay()'s speed, into the
    // views (main_window_replay.cpp); the setup is unchanged, as for openLog.
    bool replayLog(const QString& path, bool openDamaged = false);
    RunReplay* replay() const { return replay_; }
    // Teach > The Relaxation and the Regulariser: its dock, made on first use
    // (main_window_teach.cpp); null until then.
    void showRelaxationView();
    RelaxationView* relaxationView() const { return relaxation_; }
    // Overlays another stored run on the shown one, labelled by its differing settings.
    bool compareWith(const QString& path, bool openDamaged = false);
    // Shows the first log and overlays the others (the run browser's Compare).
    bool compareRuns(const QStringList& paths);
    // A report of the shown run and the runs compared with it: HTML or PDF by FILE's suffix.
    bool writeReport(const QString& file, QString* error = nullptr);
    RunBrowser* runBrowser() const { return browser_; }
    ComparisonView* comparisonView() const { return comparisonView_; }
    // Teach > Who Flipped?: the view, made (as a dock) on first use (main_window_teach.cpp).
    FlipsView* showFlipsView();
    FlipsStore* flipsStore() const { return flips_; }
    // Run > Layer Lab: its window with the setup's knobs on LAYER (the table's
    // selection if ""); false (and why) without a model (main_window_lab.cpp).
    bool showLayerLab(const QString& layer = {});
    LayerLabWindow* layerLab();
    // Run > Design-Choice Ablation: its window on the setup (main_window_lab.cpp).
    bool showAblation();
    AblationWindow* ablationWindow();
    // File > Open Sweep Folder: the sweep view (a dock, made on first use) reading DIR,
    // live while its points run (main_window_sweep.cpp).
    void openSweep(const QString& dir);
    SweepView* showSweepView();
    SweepView* sweepView() const { return sweepView_; }
    // Run > Sweep from Current Setup without its dialog: buildConfig() swept as REQUEST
    // says, by adaround-cli in the background, shown live; false (and a message) if it cannot start.
    bool startSweep(const SweepRequest& request);
    SweepLauncher* sweepLauncher() const { return sweepLauncher_; }
    // Connects the live views to the run's events (on by default; off for the benchmark).
    void setLiveViews(bool on);

    // Closing during a run asks "Cancel the run and quit?" first (on by default;
    // off for --screenshot runs and tests, where nobody answers).
    void setConfirmCloseDuringRun(bool on) { confirmCloseDuringRun_ = on; }
    PresentationMode* presentation() const { return presentation_; }
    LogPathLabel* logPathLabel() const { return logPath_; }

    // Where runs write their logs; the run browser lists it (main_window_browser.cpp).
    void setRunsFolder(const QString& dir);
    QString runsFolder() const { return runsFolder_; }
    // Restores geometry, folders, recent files and panel values from QSettings and
    // saves them on close. Without it (screenshots, tests) settings are untouched.
    void restoreSettings();

    LayerTableModel* layerModel() const { return layers_; }
    LayerEditor* layerEditor() const { return layerEditor_; }
    SensitivityActions* sensitivity() const { return sensitivity_; }
    RtnEvaluation* evaluation() const { return evaluation_; } // Run > Evaluate FP32 / RTN at These Bits
    WeightBudget* weightBudget() const { return budget_; }
    // The per-layer sensitivity chart (a dock, made when the first analysis ends); null until then.
    SensitivityChart* sensitivityChart() const { return sensitivityChart_; }
    HyperparameterPanel* panel() const { return panel_; }
    RunController* controller() const { return controller_; }
    RunDashboard* dashboard() const { return dashboard_; }
    const RunProgress& progress() const { return progress_; }
    QString lastError() const { return lastError_; }
    QString messageText() const;
    QString finalAccuracyText() const; // "FP32 … · RTN … · AdaRound …" after a completed run

signals:
    void demoOpened(bool ok);
    void runEnded();

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createDocks();
    void createBrowserDocks();
    void addToComparison(const QString& path, const adaround::RunLog& log);
    void resetComparison();
    void updateComparison();
    ComparedRun shownRun() const;
    void exportReport();
    void createActions();
    void createStatusBar();
    void connectRun();
    void writeSettings() const;
    void showError(const QString& text, const QString& actionText = {}, std::function<void()> action = {});
    // The error for a log that could not be read; a damaged one gets "Open anyway" (RETRY).
    void showLogError(const std::exception& e, std::function<void()> retry);
    void showInfo(const QString& text);
    void updateActions();
    void applyBitPlan(); // the panel's new default bits, for the layers the user has not set
    void createSetupActions(QMenu* file); // Use This Run's Settings, the Edit menu
    void updateSetupActions(bool running);
    std::vector<int> defaultBits() const; // the panel's plan for the model's layers, without overrides
    SetupSnapshot captureSetup() const;
    void restoreSetup(const SetupSnapshot& s);
    // Runs CHANGE (an explicit edit of the setup) and puts it on the undo stack as TEXT.
    void changeSetup(const QString& text, const std::function<void()>& change);
    void openPath(const QString& path); // a dropped or chosen file or folder
    void chooseModel();
    void loadConfig();
    void saveConfig();
    void exportModel();
    void exportPlot(const QString& name);
    void exportLayerTable();
    void chooseLog(bool compare);
    void showFinalAccuracy(const adaround::RunFinished* f); // null: none
    void showAbout();
    void createHelpMenu();
    void createSweepActions(QMenu* file); // main_window_sweep.cpp
    void createSweepRunActions(QMenu* run);
    // Teaching views and replays (main_window_teach.cpp, main_window_replay.cpp)
    void createTeachMenu();
    void createReplayAction(QMenu* run);
    void connectReplay();
    void chooseReplay();
    // The run in the views, for teaching docks opened late: every event shown
    // since the last start (live, replayed or stored), integer weights left out.
    void resetShownRun(const adaround::RunRecord* stored = nullptr);
    void feedShownRun(const adaround::RunEvent& e);
    // Teach > Stochastic-Rounding Study, Open Study Log (main_window_study.cpp)
    void createStudyActions(QMenu* teach);
    StudyWindow* studyWindow();
    void askToCloseDuringRun();
    void onRunEnded();
    void updateProgress();
    // Run > Evaluate FP32 / RTN at These Bits (main_window_evaluate.cpp)
    void createEvaluateAction(QMenu* run);
    void connectSensitivity(); // the budget control and the chart (main_window_evaluate.cpp)
    void showSensitivityChart();
    void updatePlanText();
    void updateEvaluateAction();
    void evaluateAtTheseBits();
    void onPresetApplied(ConfigPreset preset); // says what it set; Teaching: the RTN damage first
    void showEvaluation(bool ok, const QString& error);
    // Run > Layer Lab (main_window_lab.cpp); APPLY: an attempt's knobs as LAYER's overrides (undoable).
    void createLayerLabAction(QMenu* run);
    void applyLayerKnobs(const QString& layer, const adaround::KnobOverrides& knobs);

    LayerTableModel* layers_ = nullptr;
    LayerEditor* layerEditor_ = nullptr;
    HyperparameterPanel* panel_ = nullptr;
    DataFoldersWidget* folders_ = nullptr;
    MessageBar* messages_ = nullptr;
    RunDashboard* dashboard_ = nullptr;
    QLabel* modelLabel_ = nullptr;
    QLabel* resultLabel_ = nullptr;
    QLabel* etaLabel_ = nullptr;
    QProgressBar* layerBar_ = nullptr;
    QProgressBar* overallBar_ = nullptr;
    LogPathLabel* logPath_ = nullptr;
    PresentationMode* presentation_ = nullptr;
    QMessageBox* closeQuestion_ = nullptr; // open while asking whether to quit during a run
    RecentFiles* recentModels_ = nullptr;
    RecentFiles* recentLogs_ = nullptr;
    RunController* controller_ = nullptr;
    QProcess* prepareDemo_ = nullptr;
    QAction *runAction_ = nullptr, *pauseAction_ = nullptr, *cancelAction_ = nullptr, *exportModelAction_ = nullptr;
    QAction *openLogAction_ = nullptr, *compareAction_ = nullptr, *clearComparisonsAction_ = nullptr;
    QMenu* exportViewsMenu_ = nullptr;
    QUndoStack* setupUndo_ = nullptr;
    QAction *useRunSettingsAction_ = nullptr, *resetBitsAction_ = nullptr, *undoAction_ = nullptr, *redoAction_ = nullptr;
    RtnEvaluation* evaluation_ = nullptr;
    StudyWindow* studyWindow_ = nullptr;
    LayerLabWindow* layerLab_ = nullptr;
    AblationWindow* ablation_ = nullptr;
    QAction* evaluateAction_ = nullptr;
    int evaluatedActBits_ = 0;
    SensitivityActions* sensitivity_ = nullptr; // Run > Per-Layer Sensitivity and Plan
    WeightBudget* budget_ = nullptr;             // under the layer table
    SensitivityChart* sensitivityChart_ = nullptr;
    QList<QMetaObject::Connection> liveViews_;
    QList<QWidget*> setupWidgets_; // disabled while a run is going
    RunReplay* replay_ = nullptr;
    ReplayBar* replayBar_ = nullptr;
    QAction* replayAction_ = nullptr;
    RelaxationView* relaxation_ = nullptr;
    adaround::RunRecorder shownEvents_;
    RunBrowser* browser_ = nullptr;
    ComparisonView* comparisonView_ = nullptr;
    std::vector<ComparedRun> compared_; // overlaid runs in the order added (the dashboard's colours)
    FlipsStore* flips_ = nullptr;        // the shown run, for Teach > Who Flipped?
    FlipsView* flipsView_ = nullptr;     // made on first use
    SweepView* sweepView_ = nullptr;     // made on first use
    SweepLauncher* sweepLauncher_ = nullptr;

    RunProgress progress_;
    std::vector<adaround::LayerInfo> modelLayers_;
    adaround::AdaRoundConfig shownConfig_; // of the run in the views, to name compared runs by their differences
    bool runShown_ = false;
    QString modelPath_, lastError_, runsFolder_;
    bool closeWhenStopped_ = false; // closed during a run: close once it has ended
    bool persist_ = false;
    bool closing_ = false;
    bool confirmCloseDuringRun_ = true;
    bool closeConfirmed_ = false; // the user said yes: cancel and close
};
