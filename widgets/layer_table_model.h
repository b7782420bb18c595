#pragma once
// Table model of a network's quantizable layers with an editable bits column
// (2-8, or 0 = keep in float). The per-layer bits feed the run configuration.
#include "adaround/layer_info.h"

#include <QAbstractTableModel>
#include <vector>

class LayerTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Index, Name, Kind, Weight, Params, BatchNorm, Activation, Bits, ColumnCount };

    explicit LayerTableModel(QObject* parent = nullptr);

    void setLayers(const std::vector<adaround::LayerInfo>& layers, const std::vector<int>& bits);
    const std::vector<int>& bits() const { return bits_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

signals:
    void bitsChanged();

private:
    std::vector<adaround::LayerInfo> layers_;
    std::vector<int> bits_;
};
