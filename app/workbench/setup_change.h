#pragma once
// An explicit change of the whole setup (a run's settings applied, settings
// loaded, every layer reset to the default bits) as an undoable command: the
// setup before and after, restored exactly (panel values, per-layer bits and
// which of them the user chose, RTN-only layers, folders and class list, model).
#include "adaround/adaround_config.h"
#include "data_folders_widget.h"

#include <QUndoCommand>

#include <map>

#include <functional>
#include <string>
#include <vector>

struct SetupSnapshot {
    adaround::AdaRoundConfig panel; // HyperparameterPanel::config()
    QString modelPath;
    DataFoldersWidget::Choice folders;
    std::vector<int> bits;
    std::vector<std::string> userSetBits;
    std::vector<std::string> rtnOnly;
    std::map<std::string, adaround::KnobOverrides> layerOverrides; // the layer table's Overrides column
};

class SetupChange : public QUndoCommand {
public:
    using Restore = std::function<void(const SetupSnapshot&)>;
    // The change has been made already: the first redo() does nothing.
    SetupChange(const QString& text, SetupSnapshot before, SetupSnapshot after, Restore restore);

    void undo() override;
    void redo() override;

private:
    SetupSnapshot before_, after_;
    Restore restore_;
    bool done_ = true;
};
