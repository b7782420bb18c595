#pragma once
// Run > Per-Layer Sensitivity and Plan, and Run > Apply Sensitivity Plan: the
// setup's model analysed in the background as `adaround-cli sensitivity` does
// (each layer alone at 2, 3, 4 and 8 bits, round-to-nearest, on the setup's
// eval subset), its 2-bit drops shown as bars in the layer table, and a
// mixed-precision plan for an average bits-per-weight budget, measured; the
// plan's bits then go to the layer table in one step.
#include "adaround/adaround_config.h"
#include "adaround/precision_plan.h"
#include "adaround/run_control.h"
#include "adaround/sensitivity.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

class LayerTableModel;
class QAction;
class QMenu;
class WorkerThread;

class SensitivityActions : public QObject {
    Q_OBJECT
public:
    using ConfigSource = std::function<adaround::AdaRoundConfig()>; // the setup; throws Error if incomplete

    SensitivityActions(QMenu* run, LayerTableModel* layers, ConfigSource config, QObject* parent);
    ~SensitivityActions() override; // cancels an analysis that is going and waits for it

    // Analyses the setup and plans for AVERAGE_BITS per weight; false if one is going.
    bool start(double averageBits);
    bool isRunning() const;
    void cancel();
    void wait();
    void setEnabled(bool enabled); // off while a run goes
    void applyPlan();              // the last plan's bits to the layer table
    // Where the menu's dialog takes its proposed budget from (the setup's budget control).
    void setBudgetSource(std::function<double()> averageBits) { budgetSource_ = std::move(averageBits); }
    // A new plan for AVERAGE_BITS from the last analysis, at once (predicted
    // only: measuring it needs the model again); false if there is none or the
    // budget is below the smallest plan (then there is no plan to apply).
    bool replan(double averageBits);
    bool planMeasured() const { return planMeasured_; }
    double budget() const { return budget_; } // average bits per weight of the last plan asked for

    const adaround::SensitivityReport& report() const { return report_; }
    bool hasPlan() const { return !plan_.bits.empty(); }
    const adaround::PrecisionPlan& plan() const { return plan_; }
    QAction* analyseAction() const { return analyse_; }
    QAction* applyAction() const { return apply_; }

signals:
    void progress(const QString& stage);
    void info(const QString& text);
    void error(const QString& text);
    void reportReady();  // an analysis has finished: report() holds its layers
    void planChanged();  // plan() is new (or gone)

private:
    void askAndStart();
    void finish();

    QPointer<LayerTableModel> layers_; // a sibling: may go first when the window closes
    bool closing_ = false;
    ConfigSource config_;
    WorkerThread* worker_;
    QAction* analyse_;
    QAction* apply_;
    adaround::RunControl* control_ = nullptr; // the job's, while it runs
    adaround::SensitivityReport report_;
    adaround::PrecisionPlan plan_;
    adaround::Accuracy measured_;
    double budget_ = 4.0;
    bool planMeasured_ = false;
    std::function<double()> budgetSource_;
    QString error_;
    bool enabled_ = true;
};
