// The window's files: models chosen in a dialog, settings files, run logs
// (open and compare), and exports of the model, the plots and the table.
#include "main_window.h"

#include "adaround/config_json.h"
#include "adaround/error.h"
#include "adaround/run_export.h"
#include "adaround/run_log.h"
#include "config_diff.h"
#include "flips_store.h"
#include "message_bar.h"
#include "plot_export_dialog.h"
#include "recent_files.h"
#include "run_controller.h"
#include "run_dashboard.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>
#include <QStatusBar>

void MainWindow::chooseModel()
{
    const QString start = persist_ ? QSettings().value(QStringLiteral("folders/model")).toString() : QString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open TorchScript model"), start,
                                                      tr("TorchScript models (*.pt *.pth *.ts);;All files (*)"));
    if (path.isEmpty())
        return;
    if (persist_)
        QSettings().setValue(QStringLiteral("folders/model"), QFileInfo(path).absolutePath());
    openModel(path);
}

bool MainWindow::loadSettings(const QString& path)
{
    try {
        const adaround::AdaRoundConfig config = adaround::loadConfigFile(path.toStdString(), buildConfig());
        changeSetup(tr("Load Settings"), [this, &config] { applyConfig(config); }); // Edit > Undo takes it back
        return true;
    } catch (const adaround::Error& e) {
        showError(tr("Could not load the settings: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
}

void MainWindow::loadConfig()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load settings"), QString(),
                                                      tr("Run settings (*.json);;All files (*)"));
    if (!path.isEmpty())
        openPath(path);
}

void MainWindow::saveConfig()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Save settings"), QStringLiteral("adaround-config.json"),
                                                tr("Run settings (*.json)"));
    if (path.isEmpty())
        return;
    try {
        adaround::saveConfigFile(buildConfig(), path.toStdString());
        statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
    } catch (const adaround::Error& e) {
        showError(QString::fromStdString(e.what()));
    }
}

void MainWindow::exportModel()
{
    adaround::AdaRoundRun* run = controller_->finishedRun();
    if (!run)
        return;
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export the quantized model into"));
    if (dir.isEmpty())
        return;
    try {
        const auto files = adaround::exportRun(*run, controller_->result(), dir.toStdString());
        showInfo(tr("Exported %n file(s) to %1: model.pt (TorchScript), encodings.json (AIMET) and the integer "
                    "weights as .npy.", nullptr, int(files.size()))
                     .arg(QDir::toNativeSeparators(dir)));
    } catch (const adaround::Error& e) {
        showError(tr("Export failed: %1").arg(QString::fromStdString(e.what())));
    }
}

void MainWindow::showLogError(const std::exception& e, std::function<void()> retry)
{
    const QString text = tr("Could not open the run log: %1").arg(QString::fromStdString(e.what()));
    if (dynamic_cast<const adaround::RunLogDamaged*>(&e))
        showError(text + tr(" Open it anyway to see what is left (read in a separate process; its figures may be "
                            "wrong)."),
                  tr("Open anyway"), std::move(retry));
    else
        showError(text);
}

bool MainWindow::openLog(const QString& path, bool openDamaged)
{
    if (controller_->isRunning()) {
        showError(tr("A run is going: its views stay until it ends. Use Compare With... to overlay a stored run."));
        return false;
    }
    try {
        const adaround::RunLog log = adaround::readRunLog(path.toStdString(), {openDamaged});
        dashboard_->clear();
        dashboard_->showRecord(log.record);
        flips_->showRecord(log.record);
        dashboard_->setRunName(QFileInfo(path).completeBaseName()); // names the run in exported plots
        // Viewing a run leaves the setup alone; "Use This Run's Settings" takes them over, explicitly.
        shownConfig_ = log.record.hasStarted ? log.record.started.config : adaround::AdaRoundConfig{};
        runShown_ = true;
        showFinalAccuracy(log.record.finished ? &*log.record.finished : nullptr);
        QString status = QString::fromStdString(log.info.status);
        if (!log.info.error.empty())
            status += QStringLiteral(": ") + QString::fromStdString(log.info.error);
        QString note = tr("Showing the stored run %1; the setup is unchanged.")
                           .arg(QFileInfo(path).fileName());
        if (openDamaged)
            note = tr("%1 failed its integrity check (%2): opened anyway, its figures may be wrong.")
                       .arg(QFileInfo(path).fileName(), QString::fromStdString(log.info.integrity)) +
                   QLatin1Char(' ') + note;
        if (log.record.hasStarted)
            messages_->showMessage(MessageBar::Info, note, tr("Use This Run's Settings"), [this] { useShownRunSettings(); });
        else
            messages_->showMessage(MessageBar::Info, note + tr(" It stopped before its first layer and stored no settings."));
        statusBar()->showMessage(tr("Run log %1 (%2, %n layer(s))", nullptr, log.record.layersDone)
                                     .arg(QFileInfo(path).fileName(), status));
        if (persist_)
            recentLogs_->add(path);
        updateActions();
        return true;
    } catch (const adaround::Error& e) {
        showLogError(e, [this, path] { openLog(path, true); });
        return false;
    }
}

bool MainWindow::compareWith(const QString& path, bool openDamaged)
{
    if (!runShown_) {
        showError(tr("Open a run log or start a run first; other runs are overlaid on it."));
        return false;
    }
    try {
        const adaround::RunLog log = adaround::readRunLog(path.toStdString(), {openDamaged});
        if (!log.record.hasStarted) {
            showError(tr("%1: the run stopped before its first layer (%2); there is nothing to overlay.")
                          .arg(QFileInfo(path).fileName(), QString::fromStdString(log.info.status)));
            return false;
        }
        // Named as the comparison view names it: the model first, the data's settings last.
        const QString label = comparisonNames({shownConfig_, log.record.started.config},
                                              {QString(), QFileInfo(path).completeBaseName()})
                                  .last();
        dashboard_->addComparison(log.record, label);
        addToComparison(path, log); // the comparison view, and a warning if the models differ
        statusBar()->showMessage(tr("Overlaid %1 (%2)").arg(QFileInfo(path).fileName(), label), 5000);
        return true;
    } catch (const adaround::Error& e) {
        showLogError(e, [this, path] { compareWith(path, true); });
        return false;
    }
}

void MainWindow::chooseLog(bool compare)
{
    const QStringList paths =
        compare ? QFileDialog::getOpenFileNames(this, tr("Compare with run logs"), runsFolder_, tr("Run logs (*.h5)"))
                : QStringList{QFileDialog::getOpenFileName(this, tr("Open run log"), runsFolder_, tr("Run logs (*.h5)"))};
    for (const QString& p : paths)
        if (!p.isEmpty())
            compare ? compareWith(p) : openLog(p);
}

void MainWindow::exportPlot(const QString& name)
{
    // Size, resolution and heading chosen in a non-modal dialog: a run keeps drawing.
    auto* dialog = PlotExportDialog::openFor(dashboard_, name, this);
    connect(dialog, &PlotExportDialog::saved, this,
            [this](const QString& file) { statusBar()->showMessage(tr("Saved %1").arg(file), 5000); });
    connect(dialog, &PlotExportDialog::failed, this, [this](const QString& error) { showError(error); });
}

void MainWindow::exportLayerTable()
{
    const QString file = QFileDialog::getSaveFileName(this, tr("Export the per-layer results"),
                                                      QStringLiteral("layers.csv"), tr("CSV (*.csv)"));
    if (file.isEmpty())
        return;
    QString error;
    if (dashboard_->exportLayerTableCsv(file, &error))
        statusBar()->showMessage(tr("Saved %1").arg(file), 5000);
    else
        showError(error);
}
