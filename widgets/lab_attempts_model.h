#pragma once
// The layer lab's attempts as a table: one row per attempt, named by the
// per-layer knobs in which it differs from the run setup it started from
// ("default" where none), with its figures against round-to-nearest. A row's
// check box says whether its curves are overlaid; each attempt keeps one
// colour for all plots (plotstyle::seriesColor of its number).
#include "adaround/layer_lab.h"

#include <QAbstractTableModel>
#include <QColor>

#include <memory>
#include <vector>

class LabAttemptsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Bits, Iterations, RecMseHard, VsRtn, RecMseSoft, Flipped, Settled, Top1, Seconds, ColumnCount };

    struct Entry {
        std::shared_ptr<const adaround::LabAttempt> attempt;
        QString name;       // "lambda=0.1, schedule=cosine" or "default"
        int number = 0;     // 1, 2, ... in the order made: the colour
        bool shown = true;  // overlaid in the plots
    };

    explicit LabAttemptsModel(QObject* parent = nullptr);

    // The lab's references (the RTN rec MSE and top-1 the attempts are set against).
    void setReference(const adaround::LabSetup& setup);
    void addAttempt(std::shared_ptr<const adaround::LabAttempt> attempt, const QString& name);
    void clear();
    const std::vector<Entry>& entries() const { return entries_; }
    static QColor colorOf(const Entry& e);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

signals:
    void shownChanged(); // a row's overlay check box changed

private:
    std::vector<Entry> entries_;
    double rtnRecMse_ = 0;
    double rtnTop1_ = -1;
    int made_ = 0;
};
