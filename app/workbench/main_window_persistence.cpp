// What the window keeps between sessions (QSettings): geometry, dock layout,
// the panel's values and the folders; and closing, which cancels a run first.
#include "main_window.h"

#include "adaround/config_json.h"
#include "adaround/error.h"
#include "data_folders_widget.h"
#include "hyperparameter_panel.h"
#include "run_browser.h"
#include "run_controller.h"

#include <QCloseEvent>
#include <QSettings>
#include <QStatusBar>

void MainWindow::restoreSettings()
{
    persist_ = true;
    QSettings s;
    restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(s.value(QStringLiteral("window/state")).toByteArray());
    const QString panel = s.value(QStringLiteral("panel/config")).toString();
    if (!panel.isEmpty()) {
        try {
            panel_->setConfig(adaround::configFromJson(panel.toStdString()));
        } catch (const adaround::Error&) {
            // Settings from another version: keep the defaults.
        }
    }
    const QString calib = s.value(QStringLiteral("folders/calib")).toString();
    const QString eval = s.value(QStringLiteral("folders/eval")).toString();
    if (!calib.isEmpty() || !eval.isEmpty())
        setDataFolders(calib, eval);
    folders_->setClassesFile(s.value(QStringLiteral("folders/classes")).toString());
    setRunsFolder(s.value(QStringLiteral("folders/runs"), runsFolder_).toString()); // the browser follows it
    for (const QString& folder : s.value(QStringLiteral("browser/folders")).toStringList())
        browser_->addFolder(folder);
}

void MainWindow::writeSettings() const
{
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState());
    adaround::AdaRoundConfig knobs = panel_->config();
    knobs.modelPath.clear(); // the panel's values only; the model comes from the recent files
    knobs.calibDir.clear();
    knobs.evalDir.clear();
    knobs.bits.overrides.clear();
    knobs.rtnOnlyLayers.clear();
    knobs.layerOverrides.clear();
    s.setValue(QStringLiteral("panel/config"), QString::fromStdString(adaround::configToJson(knobs)));
    s.setValue(QStringLiteral("folders/calib"), folders_->calibDir());
    s.setValue(QStringLiteral("folders/eval"), folders_->evalDir());
    s.setValue(QStringLiteral("folders/classes"), folders_->classesFile());
    s.setValue(QStringLiteral("folders/runs"), runsFolder_);
    QStringList added = browser_->folders();
    added.removeAll(runsFolder_); // the ones the user added
    s.setValue(QStringLiteral("browser/folders"), added);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (controller_->isRunning() && confirmCloseDuringRun_ && !closeConfirmed_) {
        askToCloseDuringRun(); // main_window_close.cpp; closes again on yes
        event->ignore();
        return;
    }
    if (controller_->isRunning()) {
        // Cancel without waiting on the GUI thread: the worker ends its current
        // step and writes its cancelled log in the background (a step of a big
        // model can take seconds). The window stays, disabled, saying so, and
        // closes when the run has ended (onRunEnded); hidden, its close would
        // no longer quit the application.
        statusBar()->showMessage(tr("Cancelling the run before closing..."));
        closeWhenStopped_ = true;
        controller_->cancel();
        for (QWidget* part : findChildren<QWidget*>(Qt::FindDirectChildrenOnly))
            if (part != statusBar())
                part->setEnabled(false);
        event->ignore();
        return;
    }
    if (persist_)
        writeSettings();
    event->accept();
}
