#pragma once
// The workbench's main window: an orchestrator. It wires the setup (model,
// data folders, layer table, hyperparameter panel), the run controller and the
// live views together, and keeps the desktop manners (settings, shortcuts,
// drag and drop, recent files).
#include "adaround/adaround_config.h"
#include "adaround/layer_info.h"
#include "adaround/run_record.h"
#include "run_progress.h"

#include <QMainWindow>

#include <exception>
#include <functional>

class DataFoldersWidget;
class HyperparameterPanel;
class LayerEditor;
class LayerTableModel;
class MessageBar;
class QLabel;
class QProgressBar;
class QProcess;
class RecentFiles;
class RunController;
class RunDashboard;
class RtnEvaluation;

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
    // Shows CONFIG in the panel and the table (opening its model if it names another).
    void applyConfig(const adaround::AdaRoundConfig& config);

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
    // Overlays another stored run on the shown one, labelled by its differing settings.
    bool compareWith(const QString& path, bool openDamaged = false);
    // Connects the live views to the run's events (on by default; off for the benchmark).
    void setLiveViews(bool on);

    void setRunsFolder(const QString& dir) { runsFolder_ = dir; }
    QString runsFolder() const { return runsFolder_; }
    // Restores geometry, folders, recent files and panel values from QSettings and
    // saves them on close. Without it (screenshots, tests) settings are untouched.
    void restoreSettings();

    LayerTableModel* layerModel() const { return layers_; }
    LayerEditor* layerEditor() const { return layerEditor_; }
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
    void createActions();
    void createStatusBar();
    void connectRun();
    void writeSettings() const;
    void showError(const QString& text, const QString& actionText = {}, std::function<void()> action = {});
    // The error for a log that could not be read; a damaged one gets "Open anyway" (RETRY).
    void showLogError(const std::exception& e, std::function<void()> retry);
    void showInfo(const QString& text);
    void updateActions();
    void applyBitPlan();
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
    void onRunEnded();
    void updateProgress();
    // Run > Evaluate FP32 / RTN at These Bits (main_window_evaluate.cpp)
    void createEvaluateAction(QMenu* run);
    void updateEvaluateAction();
    void evaluateAtTheseBits();
    void showEvaluation(bool ok, const QString& error);

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
    RecentFiles* recentModels_ = nullptr;
    RecentFiles* recentLogs_ = nullptr;
    RunController* controller_ = nullptr;
    QProcess* prepareDemo_ = nullptr;
    QAction *runAction_ = nullptr, *pauseAction_ = nullptr, *cancelAction_ = nullptr, *exportModelAction_ = nullptr;
    QAction *openLogAction_ = nullptr, *compareAction_ = nullptr, *clearComparisonsAction_ = nullptr;
    QMenu* exportViewsMenu_ = nullptr;
    RtnEvaluation* evaluation_ = nullptr;
    QAction* evaluateAction_ = nullptr;
    int evaluatedActBits_ = 0;
    QList<QMetaObject::Connection> liveViews_;
    QList<QWidget*> setupWidgets_; // disabled while a run is going

    RunProgress progress_;
    std::vector<adaround::LayerInfo> modelLayers_;
    adaround::AdaRoundConfig shownConfig_; // of the run in the views, to name compared runs by their differences
    bool runShown_ = false;
    QString modelPath_, lastError_, runsFolder_;
    bool closeWhenStopped_ = false; // closed during a run: close once it has ended
    bool persist_ = false;
    bool closing_ = false;
};
