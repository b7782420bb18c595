// Nothing in the setup changes behind the user's back: a new default bit-width
// reaches only the layers the user has not set, viewing a stored run leaves the
// setup alone, and the explicit changes (Use This Run's Settings, Load
// Settings, Reset Bits to Default) are undoable (Edit > Undo, or Undo in the
// message that reports them).
#include "main_window.h"

#include "adaround/bit_plan.h"
#include "adaround/error.h"
#include "data_folders_widget.h"
#include "hyperparameter_panel.h"
#include "layer_table_model.h"
#include "message_bar.h"
#include "run_controller.h"
#include "setup_change.h"

#include <QAction>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>
#include <QUndoStack>

void MainWindow::createSetupActions(QMenu* file)
{
    setupUndo_ = new QUndoStack(this);
    useRunSettingsAction_ = file->addAction(tr("&Use This Run's Settings"), this, [this] { useShownRunSettings(); });
    useRunSettingsAction_->setToolTip(tr("Put the shown run's settings (λ, β, schedule, per-layer bits, folders) into "
                                         "the setup; Edit > Undo takes them back"));

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    // Own actions rather than QUndoStack's: they must also be off while a run uses the setup.
    undoAction_ = edit->addAction(tr("&Undo"), setupUndo_, &QUndoStack::undo);
    undoAction_->setShortcut(QKeySequence::Undo);
    redoAction_ = edit->addAction(tr("&Redo"), setupUndo_, &QUndoStack::redo);
    redoAction_->setShortcut(QKeySequence::Redo);
    connect(setupUndo_, &QUndoStack::indexChanged, this, &MainWindow::updateActions);
    edit->addSeparator();
    resetBitsAction_ = edit->addAction(tr("Reset Bits to &Default"), this, &MainWindow::resetBitsToDefault);
    resetBitsAction_->setToolTip(tr("Give every layer the panel's default bits (first and last layer: their own "
                                    "setting), forgetting the bits set per layer"));
}

void MainWindow::updateSetupActions(bool running)
{
    useRunSettingsAction_->setEnabled(!running && runShown_);
    resetBitsAction_->setEnabled(!running && !modelLayers_.empty());
    undoAction_->setEnabled(!running && setupUndo_->canUndo());
    redoAction_->setEnabled(!running && setupUndo_->canRedo());
    undoAction_->setText(setupUndo_->canUndo() ? tr("&Undo %1").arg(setupUndo_->undoText()) : tr("&Undo"));
    redoAction_->setText(setupUndo_->canRedo() ? tr("&Redo %1").arg(setupUndo_->redoText()) : tr("&Redo"));
}

std::vector<int> MainWindow::defaultBits() const
{
    adaround::BitPlan plan = panel_->config().bits;
    plan.overrides.clear();
    return adaround::resolveBits(modelLayers_, plan);
}

void MainWindow::applyBitPlan()
{
    if (modelLayers_.empty())
        return;
    const std::vector<int> planned = defaultBits();
    layers_->applyPlannedBits(planned, false);
    int kept = 0;
    for (size_t i = 0; i < planned.size(); ++i)
        kept += layers_->bits()[i] != planned[i];
    if (kept > 0)
        messages_->showMessage(MessageBar::Info,
                               tr("%n layer(s) keep the bits you set (bold in the table); the new default applies "
                                  "to the others.", nullptr, kept),
                               tr("Apply to All"), [this] { resetBitsToDefault(); });
}

void MainWindow::resetBitsToDefault()
{
    if (modelLayers_.empty() || controller_->isRunning())
        return;
    changeSetup(tr("Reset Bits to Default"), [this] { layers_->applyPlannedBits(defaultBits(), true); });
}

bool MainWindow::useShownRunSettings()
{
    if (controller_->isRunning()) {
        showError(tr("A run is going: its setup stays until it ends."));
        return false;
    }
    // A run that stopped before its first layer stored no configuration (no model either).
    if (!runShown_ || shownConfig_.modelPath.empty()) {
        showError(tr("No run with settings is shown: open a run log first (File > Open Log)."));
        return false;
    }
    const QString model = QString::fromStdString(shownConfig_.modelPath);
    if (!QFileInfo::exists(model)) {
        showError(tr("The run's model %1 is not there any more; its settings cannot be used without it.").arg(model));
        return false;
    }
    changeSetup(tr("Use Run Settings"), [this] { applyConfig(shownConfig_); });
    const QUndoCommand* change = setupUndo_->command(setupUndo_->index() - 1);
    messages_->showMessage(MessageBar::Info,
                           tr("The setup now has the shown run's settings: λ, β, schedule, per-layer bits and folders. "
                              "The next Run uses them."),
                           tr("Undo"), [this, change] {
                               // Only this change: not one made after it.
                               if (setupUndo_->index() > 0 && setupUndo_->command(setupUndo_->index() - 1) == change)
                                   setupUndo_->undo();
                           });
    return true;
}

void MainWindow::changeSetup(const QString& text, const std::function<void()>& change)
{
    SetupSnapshot before = captureSetup();
    change();
    setupUndo_->push(
        new SetupChange(text, std::move(before), captureSetup(), [this](const SetupSnapshot& s) { restoreSetup(s); }));
}

SetupSnapshot MainWindow::captureSetup() const
{
    return {panel_->config(), modelPath_, folders_->choice(), layers_->bits(), layers_->userSetBitsLayers(),
            layers_->rtnOnlyLayers(), layers_->layerOverrides()};
}

void MainWindow::restoreSetup(const SetupSnapshot& s)
{
    if (controller_->isRunning())
        return; // the actions are off meanwhile
    if (!s.modelPath.isEmpty() && s.modelPath != modelPath_ && !openModel(s.modelPath))
        return; // openModel said why
    panel_->setConfig(s.panel);
    folders_->setChoice(s.folders);
    if (modelLayers_.empty() || s.bits.size() != modelLayers_.size())
        return;
    layers_->setLayers(modelLayers_, s.bits);
    layers_->setRtnOnlyLayers(s.rtnOnly);
    layers_->setUserSetBitsLayers(s.userSetBits);
    layers_->setLayerOverrides(s.layerOverrides);
}
