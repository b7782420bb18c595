#pragma once
// The sweep's points as a table, one row per point, over a sweep report (core's
// sweepReport JSON): its number, each swept setting, the seed, the state, FP32,
// RTN and AdaRound top-1, the mean settled share and the run's time. A new
// report of the same sweep updates the cells in place, so a selection and the
// sort order survive the live refresh.
#include "adaround/json.h"

#include <QAbstractTableModel>
#include <QStringList>

class SweepPointsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    // The figures' exact value (a double, or invalid when the point has none), for sorting and tests.
    static constexpr int NumberRole = Qt::UserRole + 1;

    explicit SweepPointsModel(QObject* parent = nullptr);

    void setReport(const adaround::Json& report);
    const adaround::Json& report() const { return report_; }
    const adaround::Json& point(int row) const { return report_["points"][size_t(row)]; }
    QStringList keys() const { return keys_; }
    QString logPath(int row) const; // "" when the point has no log yet
    QString status(int row) const;

    // Columns: Index, the keys, then these in order.
    enum Figure { Seed, Status, Fp32, Rtn, AdaRound, Settled, Seconds, FigureCount };
    int column(Figure f) const { return 1 + int(keys_.size()) + int(f); }
    int keyColumn(int key) const { return 1 + key; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant figure(const adaround::Json& p, Figure f, int role) const;

    adaround::Json report_ = adaround::Json::object();
    QStringList keys_;
};
