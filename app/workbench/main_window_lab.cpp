// Run > Layer Lab: one layer's "what if" in its own window, on the model,
// folders and knobs of the setup; an attempt's knobs come back as the layer's
// per-layer overrides (undoable, like every explicit change of the setup).
// Run > Design-Choice Ablation: the paper's choices, each changed alone.
#include "main_window.h"

#include "adaround/error.h"
#include "adaround/layer_overrides.h"
#include "run_controller.h"
#include "ablation_window.h"
#include "layer_editor.h"
#include "layer_lab_window.h"
#include "layer_table_model.h"
#include "log_path_label.h"
#include "message_bar.h"

#include <QAction>
#include <QMenu>

#include <algorithm>

LayerLabWindow* MainWindow::layerLab()
{
    if (!layerLab_) {
        layerLab_ = new LayerLabWindow(this);
        connect(layerLab_, &LayerLabWindow::applyRequested, this, &MainWindow::applyLayerKnobs);
    }
    return layerLab_;
}

bool MainWindow::showLayerLab(const QString& layer)
{
    if (modelPath_.isEmpty()) {
        showError(tr("Open a model and its calibration folder first: the layer lab captures a layer's inputs."));
        return false;
    }
    adaround::AdaRoundConfig config;
    try {
        config = buildConfig();
    } catch (const adaround::Error& e) {
        showError(QString::fromStdString(e.what()));
        return false;
    }
    LayerLabWindow* w = layerLab();
    QString name = layer;
    if (name.isEmpty()) { // the layer selected in the table, if any
        const QList<int> rows = layerEditor_->selectedRows();
        if (!rows.isEmpty() && size_t(rows.front()) < modelLayers_.size())
            name = QString::fromStdString(modelLayers_[size_t(rows.front())].name);
    }
    if (!w->runner()->isBusy())
        w->setBase(config, modelLayers_, name, runShown_ ? logPath_->path() : QString());
    w->show();
    w->raise();
    w->activateWindow();
    return true;
}

void MainWindow::createLayerLabAction(QMenu* run)
{
    QAction* lab = run->addAction(tr("&Layer Lab..."), this, [this] { showLayerLab(); });
    lab->setObjectName(QStringLiteral("layerLab"));
    lab->setShortcut(tr("Ctrl+L"));
    lab->setToolTip(tr("Re-run AdaRound on one layer with other knobs in seconds, its inputs captured once"));
    QAction* ablation = run->addAction(tr("Design-Choice &Ablation..."), this, [this] { showAblation(); });
    ablation->setObjectName(QStringLiteral("ablation"));
    ablation->setToolTip(tr("The paper's design choices each changed alone, whole runs over seeds: top-1 mean ± std"));
}

AblationWindow* MainWindow::ablationWindow()
{
    if (!ablation_)
        ablation_ = new AblationWindow(this);
    return ablation_;
}

bool MainWindow::showAblation()
{
    AblationWindow* w = ablationWindow();
    if (!w->isRunning() && !modelPath_.isEmpty()) {
        try {
            w->setBase(buildConfig());
        } catch (const adaround::Error& e) {
            showError(QString::fromStdString(e.what()));
            return false;
        }
    }
    w->show();
    w->raise();
    w->activateWindow();
    return true;
}

void MainWindow::applyLayerKnobs(const QString& layer, const adaround::KnobOverrides& knobs)
{
    const std::string name = layer.toStdString();
    const auto at = std::find_if(modelLayers_.begin(), modelLayers_.end(),
                                 [&](const adaround::LayerInfo& l) { return l.name == name; });
    if (at == modelLayers_.end() || controller_->isRunning())
        return;
    const int row = int(at - modelLayers_.begin());
    changeSetup(tr("Apply Layer Lab Attempt to %1").arg(layer), [&] {
        auto overrides = layers_->layerOverrides();
        adaround::KnobOverrides& mine = overrides[name];
        for (const auto& [key, value] : knobs) {
            if (key == "bits")
                layers_->setBits({row}, int(std::get<int64_t>(value)));
            else
                mine[key] = value;
        }
        if (mine.empty())
            overrides.erase(name);
        layers_->setLayerOverrides(overrides);
    });
    showInfo(knobs.empty() ? tr("The attempt's knobs are the run setup's already: nothing to apply.")
                           : tr("%1 now has its own %2 (Layers table, Overrides column; Edit > Undo takes it back).")
                                 .arg(layer, QString::fromStdString(adaround::describeKnobValues(knobs))));
}
