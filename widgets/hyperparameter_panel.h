#pragma once
// Every knob of an AdaRound run as an editor with a tooltip, presets, and a
// live preview of the β schedule. config() and setConfig() map the panel to an
// AdaRoundConfig and back; fields the panel does not edit (paths, per-layer
// choices) pass through from the config given to setConfig().
#include "adaround/adaround_config.h"
#include "config_presets.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;
class BetaSchedulePlot;

class HyperparameterPanel : public QWidget {
    Q_OBJECT
public:
    explicit HyperparameterPanel(QWidget* parent = nullptr);

    adaround::AdaRoundConfig config() const;
    void setConfig(const adaround::AdaRoundConfig& config);
    void applyPreset(ConfigPreset preset);

    BetaSchedulePlot* schedulePlot() const { return preview_; }

signals:
    void changed();      // any knob
    void bitsChanged();  // default or first/last bits: the layer table follows

private:
    QSpinBox* intBox(int min, int max, const QString& tip);
    QDoubleSpinBox* realBox(double min, double max, int decimals, double step, const QString& tip);
    void updatePreview();

    adaround::AdaRoundConfig base_;
    bool loading_ = false;
    QComboBox* preset_;
    QSpinBox *iterations_, *batch_, *calibSize_, *evalSubset_, *seed_, *threads_, *bits_, *firstLastBits_, *actBits_;
    QDoubleSpinBox *lr_, *lambda_, *betaStart_, *betaEnd_, *warmup_;
    QComboBox *schedule_, *objective_, *granularity_, *symmetry_;
    BetaSchedulePlot* preview_;
};
