#pragma once
// The run browser's table: one row per run log found by a RunFolderScanner,
// with its configuration (model by name and short hash, bits, λ, β, schedule,
// iterations, seed), status and results (FP32 / RTN / AdaRound top-1, mean
// settled share, time, date), and the user's name, tags and notes, which are
// editable and stored in the log's sidecar (run_notes.h).
//
// Qt::DisplayRole is the text shown; kSortRole the value to sort by (numbers
// for numeric columns, empty results lowest); kStatusRole the bare status.
#include "run_folder_scanner.h"

#include <QAbstractTableModel>

#include <vector>

class RunBrowserModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Name, Status, AdaRoundTop1, RtnTop1, Fp32Top1, Model, Bits, Lambda, Beta, Schedule, Iterations, Seed,
        Settled, Time, Date, Tags, Notes, ColumnCount
    };
    static constexpr int kSortRole = Qt::UserRole;
    static constexpr int kStatusRole = Qt::UserRole + 1;
    static constexpr int kPathRole = Qt::UserRole + 2;

    using QAbstractTableModel::QAbstractTableModel;

    // Applies a scan: changed logs updated in place or appended, removed ones dropped.
    void apply(const RunScan& scan);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    // Name, Tags ("a, b") and Notes: written to the sidecar; false if that fails.
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    const RunEntry& entry(int row) const { return rows_[size_t(row)]; }
    int rowOf(const QString& path) const; // -1 if not listed
    QString lastError() const { return lastError_; }

    // The run's name as shown: the user's, else the log's file name without .h5.
    static QString displayName(const RunEntry& e);
    // "fmnist_cnn.pt · 3f2a9c1"
    static QString modelText(const RunEntry& e);
    static double meanSettledPercent(const adaround::RunLogSummary& s); // optimised layers; -1 without any

private:
    QVariant display(const RunEntry& e, int column) const;
    QVariant sortKey(const RunEntry& e, int column) const;

    std::vector<RunEntry> rows_;
    QString lastError_;
};
