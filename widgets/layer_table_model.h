#pragma once
// Table model of a network's quantizable layers with an on/off box per layer
// (off = round-to-nearest only) and an editable bits column (2-8, or 0 = keep
// in float). Both feed the run configuration. The modules with weights that
// AdaRound does not handle (ConvTranspose2d, Conv1d, LSTM, ...) follow as rows
// marked "left in float (not quantized)", with nothing to edit. During a run
// the layer being quantized is marked (bold, highlighted, a ▶ before its number).
// The Overrides column lists a layer's per-layer knob settings ("lambda=0.1";
// layer_overrides.h), which the model carries into the run configuration.
#include "adaround/knob_value.h"
// A last column shows each layer's sensitivity, when measured: its top-1 drop
// alone at some bits, with a bar (SensitivityBarDelegate) scaled to the largest.
#include "adaround/layer_info.h"

#include <QAbstractTableModel>
#include <string>
#include <utility>
#include <vector>

class LayerTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Index, Name, Kind, Weight, Params, BatchNorm, Activation, AdaRound, Bits, RtnError, Sensitivity, Overrides,
        ColumnCount
    };
    // The Sensitivity cell's bar length, 0-1 of the largest drop (absent when unmeasured).
    static constexpr int SensitivityBarRole = Qt::UserRole + 1;

    explicit LayerTableModel(QObject* parent = nullptr);

    void setLayers(const std::vector<adaround::LayerInfo>& layers, const std::vector<int>& bits);
    // The model's layers left in float (Model::floatLayers); setLayers keeps them.
    void setFloatLayers(const std::vector<adaround::FloatLayer>& layers);
    const std::vector<adaround::LayerInfo>& layers() const { return layers_; }
    const std::vector<adaround::FloatLayer>& floatLayers() const { return floatLayers_; }
    bool isFloatRow(int row) const { return row >= int(layers_.size()) && row < rowCount(); }
    const std::vector<int>& bits() const { return bits_; }
    const std::vector<bool>& optimised() const { return optimised_; }

    // Bulk edits on a selection (rows in any order); each emits one change.
    // Bits set here or in a cell count as the user's choice (isBitsUserSet).
    void setBits(const QList<int>& rows, int bits);           // bits 2..8 or 0 = float
    void setOptimised(const QList<int>& rows, bool on);
    QList<int> depthwiseRows() const;

    // Layers whose bits the user chose (a cell, a bulk edit, or an override of
    // loaded settings): a new default from the panel leaves them alone.
    bool isBitsUserSet(int row) const;
    std::vector<std::string> userSetBitsLayers() const;
    void setUserSetBitsLayers(const std::vector<std::string>& names);
    // The plan's bits (one per layer) for the layers the user has not set, or for
    // every layer (ALL, which also forgets the user's choices).
    void applyPlannedBits(const std::vector<int>& planned, bool all);
    // Top-1 drops (points) of each layer alone at BITS, one per layer, from a
    // sensitivity analysis; empty clears the column (as setLayers does).
    void setSensitivity(const std::vector<double>& drops, int bits);
    const std::vector<double>& sensitivity() const { return drops_; }
    // The row of the layer a run is quantizing now, or -1 (no run, or between layers).
    void setRunningLayer(int row);
    int runningLayer() const { return running_; }

    // Each layer's round-to-nearest weight error ||W_rtn - W||^2 / ||W||^2 at
    // BITS (by layer name, from Run > Evaluate FP32 / RTN): shown while the
    // layer's bits are still the evaluated ones.
    void setRtnErrors(const std::vector<std::pair<std::string, double>>& errors, const std::vector<int>& bits);

    // The names of the layers switched off (AdaRoundConfig::rtnOnlyLayers).
    std::vector<std::string> rtnOnlyLayers() const;
    // Switches off exactly the named layers (from a loaded config).
    void setRtnOnlyLayers(const std::vector<std::string>& names);

    // Per-layer knob overrides (AdaRoundConfig::layerOverrides), kept by layer
    // name across setLayers; bits are the Bits column's.
    void setLayerOverrides(const std::map<std::string, adaround::KnobOverrides>& overrides);
    const std::map<std::string, adaround::KnobOverrides>& layerOverrides() const { return overrides_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

signals:
    void bitsChanged();
    void optimisedChanged();

private:
    void emitColumnChanged(int column);
    QVariant floatRowData(const QModelIndex& index, int role) const;
    static QString rtnErrorTip();
    QVariant sensitivityData(int row, int role) const;

    std::vector<adaround::LayerInfo> layers_;
    std::vector<adaround::FloatLayer> floatLayers_; // rows after layers_
    std::vector<int> bits_;
    std::vector<bool> optimised_;
    std::vector<bool> userSetBits_;
    std::vector<double> rtnError_; // -1: not evaluated
    std::vector<int> rtnErrorBits_; // the bits it was evaluated at
    int running_ = -1;
    std::map<std::string, adaround::KnobOverrides> overrides_;
    std::vector<double> drops_; // per layer; empty = not measured
    int dropBits_ = 0;
};
