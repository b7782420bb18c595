// Sweeps in the window: File > Open Sweep Folder (the sweep view, a dock made
// on first use), the view's Open / Overlay into the run views, and Run > Sweep
// from Current Setup (SweepDialog, SweepLauncher), watched live.
#include "main_window.h"

#include "adaround/error.h"
#include "adaround/run_log.h"
#include "message_bar.h"
#include "sweep_dialog.h"
#include "sweep_launcher.h"
#include "sweep_view.h"
#include "sweep_watcher.h"

#include <QDateTime>
#include <QDir>

#include <QAction>
#include <QDockWidget>
#include <QFileDialog>
#include <QMenu>
#include <QStatusBar>

void MainWindow::createSweepActions(QMenu* file)
{
    QAction* open = file->addAction(tr("Open S&weep Folder..."), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a sweep folder (adaround-cli sweep --out)"));
        if (!dir.isEmpty())
            openSweep(dir);
    });
    open->setObjectName(QStringLiteral("openSweep"));
    open->setToolTip(tr("The points of a sweep (adaround-cli sweep, or Run > Sweep from Current Setup): their "
                        "results as a table and plots, live while the sweep runs"));
}

void MainWindow::createSweepRunActions(QMenu* run)
{
    sweepLauncher_ = new SweepLauncher(this);
    QAction* start = run->addAction(tr("S&weep from Current Setup..."), this, [this] {
        const QString out = QDir(runsFolder_).filePath(
            QStringLiteral("sweeps/sweep-%1").arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"))));
        SweepDialog dialog(out, this);
        if (dialog.exec() == QDialog::Accepted)
            startSweep(dialog.request());
    });
    start->setObjectName(QStringLiteral("startSweep"));
    start->setToolTip(tr("Runs of this setup with some settings varied, over seeds, as adaround-cli sweep in the "
                         "background; the sweep view shows them live"));
    QAction* stop = run->addAction(tr("Stop S&weep"), sweepLauncher_, &SweepLauncher::stop);
    stop->setEnabled(false);
    connect(sweepLauncher_, &SweepLauncher::started, this, [start, stop] {
        start->setEnabled(false);
        stop->setEnabled(true);
    });
    connect(sweepLauncher_, &SweepLauncher::finished, this, [this, start, stop](int code, const QString& last) {
        start->setEnabled(true);
        stop->setEnabled(false);
        if (sweepView_)
            sweepView_->setSweepRunning(false);
        if (code == 0)
            showInfo(tr("The sweep has ended: every point completed."));
        else if (code == 3)
            showInfo(tr("The sweep was stopped; its running points were cancelled. Starting the same sweep again "
                        "runs only what is missing."));
        else
            showError(tr("The sweep has ended without every point completed (adaround-cli exit %1): %2").arg(code).arg(last));
    });
}

bool MainWindow::startSweep(const SweepRequest& request)
{
    adaround::AdaRoundConfig config;
    try {
        config = buildConfig();
        if (config.modelPath.empty() || config.calibDir.empty() || config.evalDir.empty())
            throw adaround::Error("open a model and choose the calibration and evaluation folders first");
    } catch (const adaround::Error& e) {
        showError(tr("Cannot start the sweep: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
    QString error;
    if (!sweepLauncher_->start(config, request, &error)) {
        showError(tr("Cannot start the sweep: %1").arg(error));
        return false;
    }
    SweepView* view = showSweepView();
    view->openFolder(sweepLauncher_->outDir());
    view->setSweepRunning(true);
    showInfo(tr("Sweep started: %1 (adaround-cli %2)").arg(sweepLauncher_->outDir(), sweepLauncher_->arguments().join(QLatin1Char(' '))));
    return true;
}

SweepView* MainWindow::showSweepView()
{
    if (!sweepView_) {
        sweepView_ = new SweepView(this);
        auto* dock = new QDockWidget(tr("Sweep"), this);
        dock->setObjectName(QStringLiteral("sweepDock"));
        dock->setWidget(sweepView_);
        addDockWidget(Qt::RightDockWidgetArea, dock);
        resizeDocks({dock}, {width() / 2}, Qt::Horizontal);
        connect(sweepView_, &SweepView::openRequested, this, [this](const QStringList& logs) {
            if (logs.size() == 1)
                openLog(logs.front());
            else if (!logs.isEmpty())
                compareRuns(logs);
        });
        connect(sweepView_, &SweepView::overlayRequested, this, [this](const QStringList& logs) {
            for (const QString& log : logs)
                if (!compareWith(log))
                    return;
        });
        connect(sweepView_, &SweepView::message, this, [this](const QString& text) { showError(text); });
        connect(sweepView_, &SweepView::stopRequested, sweepLauncher_, &SweepLauncher::stop);
    }
    auto* dock = findChild<QDockWidget*>(QStringLiteral("sweepDock"));
    dock->show();
    dock->raise();
    return sweepView_;
}

void MainWindow::openSweep(const QString& dir)
{
    showSweepView()->openFolder(dir);
    statusBar()->showMessage(tr("Reading the sweep in %1").arg(dir), 5000);
}
