// Runs in the window: starting, pausing and cancelling, the run's events
// wired to the progress bars and the live views, and the end of a run.
#include "main_window.h"

#include "adaround/error.h"
#include "adaround/run_log.h"
#include "data_folders_widget.h"
#include "layer_editor.h"
#include "message_bar.h"
#include "recent_files.h"
#include "rtn_evaluation.h"
#include "sensitivity_actions.h"
#include "run_controller.h"
#include "run_dashboard.h"
#include "run_replay.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QProgressBar>
#include <QStatusBar>
#include <QTableView>

namespace {

QString percent(double v)
{
    return QString::number(v, 'f', 2) + QLatin1Char('%');
}

} // namespace

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
    liveViews_ = {connect(controller_->events(), &RunEventBridge::runEvent, dashboard_, [this](const SharedRunEvent& e) {
        // A live run's failure is told once, by the window's (dismissable) message: not also the views' banner.
        if (!std::holds_alternative<adaround::RunFailed>(*e))
            dashboard_->onRunEvent(*e);
        feedShownRun(*e); // the teaching views
    })};
}

void MainWindow::updateProgress()
{
    const int n = progress_.layerCount();
    const int layer = progress_.currentLayer();
    if (progress_.inPhase()) { // loading, capturing, evaluating: the step's own share
        layerBar_->setValue(int(progress_.phaseFraction() * 1000));
        layerBar_->setFormat(progress_.phaseText() + QStringLiteral(": %p%"));
    } else {
        layerBar_->setValue(int(progress_.layerFraction() * 1000));
        layerBar_->setFormat(layer < 0 ? tr("preparing...")
                                       : tr("layer %1/%2 %3: %p%").arg(layer + 1).arg(n).arg(progress_.currentLayerName()));
    }
    overallBar_->setValue(int(progress_.overallFraction() * 1000));
    overallBar_->setFormat(tr("run: %p%"));
    const double eta = progress_.etaSeconds();
    etaLabel_->setText(eta < 0 ? tr("ETA --:--") : tr("ETA %1").arg(RunProgress::formatDuration(eta)));
    layerEditor_->markRunningLayer(progress_.runningLayer());
}

bool MainWindow::startRun()
{
    if (controller_->isRunning())
        return false;
    if (modelPath_.isEmpty()) {
        showError(tr("Open a model first (File > Open Model, or the demo)."));
        return false;
    }
    adaround::AdaRoundConfig config;
    QString error;
    try {
        config = buildConfig();
        config.validate();
        if (config.calibDir.empty() || config.evalDir.empty())
            throw adaround::Error("choose the calibration and evaluation image folders");
        if (const QString problem = folders_->problem(); !problem.isEmpty()) // checked when chosen
            throw adaround::Error(problem.toStdString());
    } catch (const adaround::Error& e) {
        showError(tr("Cannot start the run: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
    const QString logPath = QString::fromStdString(adaround::defaultRunLogPath(runsFolder_.toStdString()));
    replay_->stop(); // the views are the live run's now
    // A run takes the machine: an evaluation or a sensitivity analysis still going gives way.
    evaluation_->cancel();
    sensitivity_->cancel();
    if (!controller_->start(config, logPath, &error)) {
        showError(error);
        return false;
    }
    dashboard_->clear();
    resetShownRun();
    dashboard_->setRunName(QFileInfo(logPath).completeBaseName()); // names the run in exported plots
    shownConfig_ = config;
    runShown_ = true;
    messages_->hide();
    resultLabel_->clear();
    progress_ = {};
    layerEditor_->view()->clearSelection(); // picked for the setup, stale during the run
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
    progress_.setPaused(paused); // the ETA's clock stops too
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
        // The log's path is beside it (LogPathLabel), not in the message.
        statusBar()->showMessage(tr("Run completed in %1.").arg(RunProgress::formatDuration(r.final.seconds)));
        break;
    case adaround::RunEnd::Cancelled:
        statusBar()->showMessage(tr("Run cancelled after %n layer(s).", nullptr, int(r.layers.size())));
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
    layerEditor_->markRunningLayer(-1);
    etaLabel_->clear();
    layerBar_->hide();
    if (r.end != adaround::RunEnd::Completed)
        overallBar_->hide();
    updateActions();
    emit runEnded();
    if (closeWhenStopped_)
        close();
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
