#pragma once
// The workbench's main window: an orchestrator. It wires the setup (model,
// data folders, layer table, hyperparameter panel), the run controller and the
// live views together, and keeps the desktop manners (settings, shortcuts,
// drag and drop, recent files).
#include "adaround/adaround_config.h"
#include "adaround/layer_info.h"
#include "run_progress.h"

#include <QMainWindow>

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

    // The run configuration from the panel, the table and the folders.
    adaround::AdaRoundConfig buildConfig() const;
    // Shows CONFIG in the panel and the table (opening its model if it names another).
    void applyConfig(const adaround::AdaRoundConfig& config);

    // Starts a run of buildConfig() in the background; false (and a message) if it cannot start.
    bool startRun();
    void cancelRun();
    void setPaused(bool paused);
    bool isRunning() const;

    void setRunsFolder(const QString& dir) { runsFolder_ = dir; }
    QString runsFolder() const { return runsFolder_; }
    // Restores geometry, folders, recent files and panel values from QSettings and
    // saves them on close. Without it (screenshots, tests) settings are untouched.
    void restoreSettings();

    LayerTableModel* layerModel() const { return layers_; }
    LayerEditor* layerEditor() const { return layerEditor_; }
    HyperparameterPanel* panel() const { return panel_; }
    RunController* controller() const { return controller_; }
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
    void showError(const QString& text);
    void showInfo(const QString& text);
    void updateActions();
    void applyBitPlan();
    void openPath(const QString& path); // a dropped or chosen file or folder
    void chooseModel();
    void loadConfig();
    void saveConfig();
    void exportModel();
    void showAbout();
    void onRunEnded();
    void updateProgress();

    LayerTableModel* layers_ = nullptr;
    LayerEditor* layerEditor_ = nullptr;
    HyperparameterPanel* panel_ = nullptr;
    DataFoldersWidget* folders_ = nullptr;
    MessageBar* messages_ = nullptr;
    QWidget* dashboardArea_ = nullptr;
    QLabel* modelLabel_ = nullptr;
    QLabel* resultLabel_ = nullptr;
    QLabel* etaLabel_ = nullptr;
    QProgressBar* layerBar_ = nullptr;
    QProgressBar* overallBar_ = nullptr;
    RecentFiles* recentModels_ = nullptr;
    RunController* controller_ = nullptr;
    QProcess* prepareDemo_ = nullptr;
    QAction *runAction_ = nullptr, *pauseAction_ = nullptr, *cancelAction_ = nullptr, *exportModelAction_ = nullptr;
    QList<QWidget*> setupWidgets_; // disabled while a run is going

    RunProgress progress_;
    std::vector<adaround::LayerInfo> modelLayers_;
    QString modelPath_, lastError_, runsFolder_;
    bool persist_ = false;
    bool closing_ = false;
};
