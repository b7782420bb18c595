#pragma once
// One row per finished layer: reconstruction error of RTN against AdaRound
// (soft and hard rounding), whether RTN was kept, flipped and settled shares,
// the objective the layer ran with, and time. Rows arrive as layers finish;
// the table exports as CSV.
#include "adaround/run_events.h"

#include <QAbstractTableModel>
#include <vector>

class LayerResultsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Layer, Bits, Objective, RecRtn, RecSoft, RecHard, KeptRtn, Flipped, Settled, Seconds, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    void clear();
    void addLayer(const adaround::LayerFinished& e);
    const std::vector<adaround::LayerFinished>& layers() const { return rows_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Full-precision values, one row per layer, RFC 4180 quoting.
    QString toCsv() const;
    bool writeCsv(const QString& file, QString* error) const;

private:
    std::vector<adaround::LayerFinished> rows_;
};
