#pragma once
// Every knob of the knob table marked inPanel as an editor with the table's
// label, help as tooltip, range and unit, in one group box per KnobGroup;
// presets; and a live preview of the β schedule. config() and setConfig() go
// through the table's accessors (Knob::get/set), so a knob added to the table
// appears here with no change to the panel. Values round-trip exactly
// (λ 3e-6, lr 5e-7, seed 2^64 - 1). Fields the panel does not edit (paths,
// per-layer choices) pass through from the config given to setConfig().
#include "adaround/adaround_config.h"
#include "config_presets.h"

#include <QList>
#include <QWidget>

#include <string>

class BetaSchedulePlot;
class KnobEditor;
class QComboBox;

class HyperparameterPanel : public QWidget {
    Q_OBJECT
public:
    explicit HyperparameterPanel(QWidget* parent = nullptr);

    adaround::AdaRoundConfig config() const;
    void setConfig(const adaround::AdaRoundConfig& config);
    void applyPreset(ConfigPreset preset);

    // The editor of the knob with KEY (its objectName is the key too); null if the panel has none.
    QWidget* editor(const std::string& key) const;
    BetaSchedulePlot* schedulePlot() const { return preview_; }

signals:
    void changed();      // any knob
    void bitsChanged();  // default or first/last bits: the layer table follows
    void presetApplied(ConfigPreset preset); // after the knobs changed

private:
    void onEdited();
    void updatePreview();

    adaround::AdaRoundConfig base_;
    adaround::BitPlan shownBits_; // to tell bit changes from other edits
    bool loading_ = false;
    QComboBox* preset_;
    QList<KnobEditor*> editors_;
    BetaSchedulePlot* preview_;
};
