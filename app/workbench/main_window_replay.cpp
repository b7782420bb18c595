// Replaying a stored run as if it were live (Run > Replay Run...): the log is
// read as for File > Open Log, then its events reach the dashboard, the final
// figures and the teaching views from RunReplay's timer, at the chosen speed.
// The setup is unchanged; a run, an opened log or an evaluation ends a replay.
#include "main_window.h"

#include "adaround/error.h"
#include "adaround/run_log.h"
#include "message_bar.h"
#include "replay_bar.h"
#include "run_controller.h"
#include "run_dashboard.h"
#include "run_replay.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QStatusBar>

void MainWindow::createReplayAction(QMenu* run)
{
    replayAction_ = run->addAction(QIcon::fromTheme(QStringLiteral("media-seek-forward")), tr("Re&play Run..."), this,
                                   &MainWindow::chooseReplay);
    replayAction_->setObjectName(QStringLiteral("replayRun"));
    replayAction_->setShortcut(tr("Ctrl+Shift+R"));
    replayAction_->setToolTip(tr("Replay a stored run (HDF5 run log) in the views as if it were running, at a speed "
                                 "you choose: for a lesson that does not wait for a run"));
}

void MainWindow::connectReplay()
{
    connect(replay_, &RunReplay::runEvent, this, [this](const SharedRunEvent& e) {
        dashboard_->onRunEvent(*e);
        feedShownRun(*e);
        if (const auto* f = std::get_if<adaround::RunFinished>(e.get()))
            showFinalAccuracy(f);
    });
    connect(replay_, &RunReplay::ended, this, [this](bool completed) {
        statusBar()->showMessage(completed ? tr("Replay finished.")
                                           : tr("Replay stopped at %1%; File > Open Log shows the whole run.")
                                                 .arg(qRound(100 * replay_->fraction())));
    });
}

void MainWindow::chooseReplay()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Replay a run log"), runsFolder_, tr("Run logs (*.h5)"));
    if (!path.isEmpty())
        replayLog(path);
}

bool MainWindow::replayLog(const QString& path, bool openDamaged)
{
    if (controller_->isRunning()) {
        showError(tr("A run is going: its views stay until it ends. Replay the stored run afterwards."));
        return false;
    }
    try {
        const adaround::RunLog log = adaround::readRunLog(path.toStdString(), {openDamaged});
        if (!log.record.hasStarted) {
            showError(tr("%1: the run stopped before its first layer (%2); there is nothing to replay.")
                          .arg(QFileInfo(path).fileName(), QString::fromStdString(log.info.status)));
            return false;
        }
        replay_->stop();
        dashboard_->clear();
        dashboard_->setRunName(QFileInfo(path).completeBaseName());
        resetShownRun(); // the replay's events fill it
        shownConfig_ = log.record.started.config;
        runShown_ = true;
        showFinalAccuracy(nullptr);
        replay_->start(log.record, replay_->speed());
        replayBar_->setRunName(QFileInfo(path).fileName());
        replayBar_->show();
        messages_->showMessage(MessageBar::Info,
                               tr("Replaying the stored run %1 as if live; the setup is unchanged.")
                                   .arg(QFileInfo(path).fileName()),
                               tr("Use This Run's Settings"), [this] { useShownRunSettings(); });
        statusBar()->showMessage(tr("Replaying %1 (%2)").arg(QFileInfo(path).fileName(),
                                                             RunReplay::describe(replay_->speed())));
        updateActions();
        return true;
    } catch (const adaround::Error& e) {
        showLogError(e, [this, path] { replayLog(path, true); });
        return false;
    }
}
