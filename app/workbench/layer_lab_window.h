#pragma once
// Run > Layer Lab: ask "what if" of one layer in seconds. Choose a layer and
// the context its inputs come from (the round-to-nearest prefix, the FP32
// prefix, or a stored run's roundings); the inputs are captured once, then
// every attempt re-runs AdaRound on that layer alone with the knobs shown,
// is kept in a list named by the knobs it changed, and is overlaid on the
// others. "Apply to Run Setup" makes an attempt's knobs the layer's
// per-layer overrides in the main window's setup.
#include "adaround/adaround_config.h"
#include "adaround/knob_value.h"
#include "adaround/layer_info.h"
#include "layer_lab_runner.h"

#include <QWidget>

#include <vector>

class KnobEditor;
class LabAttemptsModel;
class LabPlots;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;
class QTimer;

class LayerLabWindow : public QWidget {
    Q_OBJECT
public:
    explicit LayerLabWindow(QWidget* parent = nullptr);
    ~LayerLabWindow() override;

    // The run setup attempts start from, the model's layers, the layer shown
    // first, and the stored run offered as a context ("" for none).
    void setBase(const adaround::AdaRoundConfig& config, const std::vector<adaround::LayerInfo>& layers,
                 const QString& layer, const QString& shownRunLog);
    // Captures the chosen layer's inputs in the chosen context (asynchronous; opened() or an error).
    bool capture();
    // Runs one attempt with the knobs shown (asynchronous; attemptFinished()).
    bool runAttempt();
    void cancel();
    // Sets a knob's editor (by knob key) as the user would, for tests and the screenshot driver.
    bool setKnob(const std::string& key, const adaround::KnobValue& value);
    // The knobs of the next attempt: the base with the editors' values as this layer's overrides.
    adaround::AdaRoundConfig attemptKnobs() const;

    LabAttemptsModel* attempts() const { return attempts_; }
    LabPlots* plots() const { return plots_; }
    QComboBox* layerBox() const { return layer_; }
    QComboBox* contextBox() const { return context_; }
    LayerLabRunner* runner() { return &runner_; }
    QString statusText() const;

signals:
    void opened();
    void attemptFinished();
    void failed(const QString& error);
    // "Apply to Run Setup": the layer's knobs that differ from the run setup.
    void applyRequested(const QString& layer, const adaround::KnobOverrides& knobs);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildKnobEditors();
    void showLayerSettings(); // the editors show the chosen layer's effective settings
    void onOpened();
    void onAttempt(const SharedLabAttempt& a);
    void onFailed(const QString& error);
    void onEvent(const SharedRunEvent& e);
    void applySelected();
    void redraw();
    void updateButtons();
    QString currentLayer() const;

    adaround::AdaRoundConfig base_;
    std::vector<adaround::LayerInfo> layers_;
    QString shownRunLog_;
    QString capturedLayer_; // the layer the open lab holds ("" when none)
    LayerLabRunner runner_;
    adaround::LabAttempt live_; // the attempt going: its curves so far
    bool attempting_ = false;
    std::vector<KnobEditor*> editors_;
    QComboBox* layer_;
    QComboBox* context_;
    QPushButton* capture_;
    QPushButton* attempt_;
    QPushButton* cancel_;
    QPushButton* apply_;
    QLabel* setupLabel_;
    QLabel* status_;
    QProgressBar* progress_;
    QTableView* table_;
    LabAttemptsModel* attempts_;
    LabPlots* plots_;
    QTimer* redraw_;
};
