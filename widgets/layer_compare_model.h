#pragma once
// Per-layer results of compared runs side by side: one row per layer (in the
// first run's order, then layers only later runs have), for each run its
// reconstruction MSE after hard rounding, flipped share and settled share,
// then for each run after the first the relative change of its hard MSE
// against the first run's (Δ, negative = better).
#include "compared_run.h"

#include <QAbstractTableModel>

#include <vector>

class LayerCompareModel : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int kFiguresPerRun = 3; // rec MSE hard, flipped %, settled %

    using QAbstractTableModel::QAbstractTableModel;

    void setRuns(const std::vector<ComparedRun>& runs);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QString layerName(int row) const { return QString::fromStdString(layers_[size_t(row)]); }
    // The run's figures for a layer; null where it has none.
    const adaround::LayerFinished* figures(int run, int row) const;
    // Δ of run RUN (>= 1) against the first run at ROW, in percent; NaN if either is missing.
    double delta(int run, int row) const;

private:
    std::vector<ComparedRun> runs_;
    std::vector<std::string> layers_;
};
