// Run > Evaluate FP32 / RTN at These Bits: the setup's model at its bits,
// rounded to nearest, against FP32 on the whole eval folder, without an
// AdaRound run (in the background, as `adaround-cli rtn`). The figures go to
// the message bar and to the accuracy chart's full-set panel.
#include "main_window.h"

#include "accuracy_plot.h"
#include "config_presets.h"
#include "layer_table_model.h"
#include "adaround/error.h"
#include "adaround/rtn_comparison.h"
#include "message_bar.h"
#include "run_controller.h"
#include "run_dashboard.h"
#include "run_replay.h"
#include "rtn_evaluation.h"
#include "sensitivity_actions.h"
#include "sensitivity_chart.h"
#include "weight_budget.h"

#include <QAction>
#include <QDockWidget>
#include <QFileInfo>
#include <QLocale>
#include <QMenu>
#include <QStatusBar>
#include <QTimer>

void MainWindow::createEvaluateAction(QMenu* run)
{
    evaluation_ = new RtnEvaluation(this);
    evaluateAction_ = run->addAction(tr("&Evaluate FP32 / RTN at These Bits"), this, &MainWindow::evaluateAtTheseBits);
    evaluateAction_->setShortcut(tr("Ctrl+Shift+E"));
    evaluateAction_->setToolTip(tr("Top-1 and top-5 of the FP32 model and of every layer rounded to nearest at its "
                                   "bits, on the whole eval folder, without running AdaRound"));
    connect(evaluation_, &RtnEvaluation::progress, this, [this](qint64 done, qint64 total) {
        statusBar()->showMessage(tr("Evaluating FP32 and RTN: %L1 of %L2 images...").arg(done).arg(total));
    });
    connect(evaluation_, &RtnEvaluation::finished, this, &MainWindow::showEvaluation);

    sensitivity_ = new SensitivityActions(run, layers_, [this] { return buildConfig(); }, this);
    connect(sensitivity_, &SensitivityActions::progress, this, [this](const QString& stage) {
        statusBar()->showMessage(stage);
    });
    connect(sensitivity_, &SensitivityActions::info, this, [this](const QString& text) {
        statusBar()->clearMessage();
        showInfo(text);
    });
    connect(sensitivity_, &SensitivityActions::error, this, [this](const QString& text) {
        statusBar()->clearMessage();
        showError(text);
    });
    connectSensitivity();
}

void MainWindow::connectSensitivity()
{
    // Beside the budget: plan for it (from the last analysis at once, else analyse first) and apply.
    auto* plan = new QAction(tr("Plan for This Budget"), this);
    plan->setObjectName(QStringLiteral("planForBudget"));
    plan->setToolTip(tr("The per-layer bits that lose least top-1 within the budget, from the sensitivity of each "
                        "layer (analysed first if it has not been)"));
    connect(plan, &QAction::triggered, this, [this] {
        if (!sensitivity_->replan(budget_->averageBitsBudget()) && !sensitivity_->isRunning() &&
            sensitivity_->report().layers.empty())
            sensitivity_->start(budget_->averageBitsBudget());
    });
    connect(sensitivity_->analyseAction(), &QAction::changed, plan,
            [this, plan] { plan->setEnabled(sensitivity_->analyseAction()->isEnabled()); });
    QAction* apply = sensitivity_->applyAction();
    budget_->addActions({plan, apply});
    sensitivity_->setBudgetSource([this] { return budget_->averageBitsBudget(); });
    connect(budget_, &WeightBudget::budgetChanged, this, [this] {
        if (!sensitivity_->report().layers.empty())
            sensitivity_->replan(budget_->averageBitsBudget());
    });
    connect(sensitivity_, &SensitivityActions::reportReady, this, &MainWindow::showSensitivityChart);
    connect(sensitivity_, &SensitivityActions::planChanged, this, [this] {
        // A budget given in the menu's dialog shows here too (in the control's unit).
        const int64_t weights = WeightBudget::weightCount(*layers_);
        if (budget_->unit() == WeightBudget::AverageBits)
            budget_->setBudget(sensitivity_->budget(), WeightBudget::AverageBits);
        else if (weights > 0)
            budget_->setBudget(sensitivity_->budget() * double(weights) / 8192.0, WeightBudget::Kilobytes);
        updatePlanText();
    });
}

void MainWindow::showSensitivityChart()
{
    if (!sensitivityChart_) {
        sensitivityChart_ = new SensitivityChart(this);
        auto* dock = new QDockWidget(tr("Sensitivity"), this);
        dock->setObjectName(QStringLiteral("sensitivityDock"));
        dock->setWidget(sensitivityChart_);
        addDockWidget(Qt::RightDockWidgetArea, dock);
    }
    sensitivityChart_->setReport(sensitivity_->report());
    auto* dock = findChild<QDockWidget*>(QStringLiteral("sensitivityDock"));
    dock->show();
    dock->raise();
}

void MainWindow::updatePlanText()
{
    if (!sensitivity_->hasPlan()) {
        budget_->setPlanText(sensitivity_->report().layers.empty()
                                 ? QString()
                                 : tr("No plan fits this budget: even every layer at its fewest bits is larger."));
        return;
    }
    const adaround::PrecisionPlan& p = sensitivity_->plan();
    const QLocale locale;
    budget_->setPlanText(tr("Plan: %1 bits per weight (%2 KB), predicted top-1 %3% (FP32 %4%)%5")
                             .arg(locale.toString(p.averageBits(), 'f', 2),
                                  locale.toString(double(p.sizeBits) / 8.0 / 1024.0, 'f', 1),
                                  locale.toString(sensitivity_->report().fp32.top1 - p.predictedDrop, 'f', 2),
                                  locale.toString(sensitivity_->report().fp32.top1, 'f', 2),
                                  sensitivity_->planMeasured() ? tr(", measured in the message above") : QString()));
}

void MainWindow::updateEvaluateAction()
{
    evaluateAction_->setEnabled(!controller_->isRunning() && !evaluation_->isRunning() && !modelPath_.isEmpty());
    sensitivity_->setEnabled(!controller_->isRunning() && !modelPath_.isEmpty());
}

void MainWindow::evaluateAtTheseBits()
{
    if (controller_->isRunning() || evaluation_->isRunning())
        return;
    if (modelPath_.isEmpty()) {
        showError(tr("Open a model first (File > Open Model, or the demo)."));
        return;
    }
    adaround::RtnRequest request;
    try {
        const adaround::AdaRoundConfig c = buildConfig();
        if (c.evalDir.empty())
            throw adaround::Error("choose the evaluation image folder");
        request = adaround::rtnRequestFor(c);
        evaluatedActBits_ = c.actBits;
    } catch (const adaround::Error& e) {
        showError(tr("Cannot evaluate: %1").arg(QString::fromStdString(e.what())));
        return;
    }
    evaluation_->start(request);
    statusBar()->showMessage(tr("Evaluating FP32 and RTN of %1...").arg(QFileInfo(modelPath_).fileName()));
    updateEvaluateAction();
}

void MainWindow::onPresetApplied(ConfigPreset preset)
{
    const QString what = tr("%1: %2.").arg(presetNames().value(int(preset)), presetDescription(preset));
    bool evaluate = preset == ConfigPreset::Teaching && !modelPath_.isEmpty() && !controller_->isRunning() &&
                    !evaluation_->isRunning();
    try {
        evaluate = evaluate && !buildConfig().evalDir.empty();
    } catch (const adaround::Error&) { // a bad class list: the evaluation would say so; the preset is applied
        evaluate = false;
    }
    if (!evaluate) {
        showInfo(what);
        return;
    }
    // Baseline first: the lesson opens on what round-to-nearest does to this model.
    showInfo(what + tr(" Evaluating FP32 and round-to-nearest first: the damage AdaRound is to repair."));
    QTimer::singleShot(0, this, &MainWindow::evaluateAtTheseBits); // after the layer table took the new bits
}

void MainWindow::showEvaluation(bool ok, const QString& error)
{
    updateEvaluateAction();
    statusBar()->clearMessage();
    if (!ok) {
        if (error != tr("cancelled"))
            showError(tr("Evaluation failed: %1").arg(error));
        return;
    }
    const adaround::RtnReport& r = evaluation_->report();
    std::vector<std::pair<std::string, double>> errors;
    std::vector<int> bits;
    for (const adaround::RtnLayerResult& l : r.layers) {
        errors.emplace_back(l.layer.name, l.weightRelError);
        bits.push_back(l.bits);
    }
    layers_->setRtnErrors(errors, bits); // per layer, in the layer table
    // The chart shows this evaluation alone: a run's curves beside it would be of other settings.
    if (!controller_->isRunning()) {
        replay_->stop();
        dashboard_->clear();
        resetShownRun();
        runShown_ = false;
        updateActions();
        if (auto* plot = qobject_cast<AccuracyPlot*>(dashboard_->plot(QStringLiteral("accuracy")))) {
            plot->setEvaluation(r.fp32, r.rtn, r.evalImages);
            plot->refresh();
            plot->replot();
        }
    }
    const QLocale locale;
    showInfo(tr("FP32 top-1 %1%, round-to-nearest %2% on all %3 eval images at these bits (no AdaRound run%4); "
                "each layer's RTN weight error is in the layer table.")
                 .arg(locale.toString(r.fp32.top1, 'f', 2), locale.toString(r.rtn.top1, 'f', 2),
                      locale.toString(qlonglong(r.evalImages)),
                      evaluatedActBits_ > 0 ? tr("; weights only, activations in float") : QString()));
}
