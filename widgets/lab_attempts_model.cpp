#include "lab_attempts_model.h"

#include "plot_style.h"

#include <QBrush>

LabAttemptsModel::LabAttemptsModel(QObject* parent) : QAbstractTableModel(parent) {}

void LabAttemptsModel::setReference(const adaround::LabSetup& setup)
{
    rtnRecMse_ = setup.recMseRtn;
    rtnTop1_ = setup.rtn.count > 0 ? setup.rtn.top1 : -1;
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1); // the top-1 column names RTN's figure
    if (!entries_.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void LabAttemptsModel::addAttempt(std::shared_ptr<const adaround::LabAttempt> attempt, const QString& name)
{
    const int row = rowCount();
    beginInsertRows({}, row, row);
    entries_.push_back({std::move(attempt), name, ++made_, true});
    endInsertRows();
}

void LabAttemptsModel::clear()
{
    beginResetModel();
    entries_.clear();
    made_ = 0;
    endResetModel();
}

QColor LabAttemptsModel::colorOf(const Entry& e)
{
    return plotstyle::seriesColor(e.number - 1);
}

int LabAttemptsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(entries_.size());
}

int LabAttemptsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LabAttemptsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || size_t(index.row()) >= entries_.size())
        return {};
    const Entry& e = entries_[size_t(index.row())];
    const adaround::LayerFinished& s = e.attempt->summary;
    if (index.column() == Name) {
        if (role == Qt::CheckStateRole)
            return e.shown ? Qt::Checked : Qt::Unchecked;
        if (role == Qt::DecorationRole)
            return colorOf(e);
        if (role == Qt::ToolTipRole)
            return tr("Attempt %1: %2 (check to overlay its curves)").arg(e.number).arg(e.name);
    }
    if (role == Qt::TextAlignmentRole && index.column() != Name)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == VsRtn)
        return tr("Hard rounding's rec MSE over round-to-nearest's (%1): below 1 is better").arg(rtnRecMse_, 0, 'g', 4);
    if (role == Qt::ForegroundRole && index.column() == RecMseHard && s.keptRtn)
        return QBrush(Qt::darkRed);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Name: return QStringLiteral("%1. %2").arg(e.number).arg(e.name);
    case Bits: return s.bits;
    case Iterations: return e.attempt->stats.empty() ? 0 : e.attempt->stats.back().iteration;
    case RecMseHard: return QString::number(s.recMseHard, 'g', 4) + (s.keptRtn ? tr(" (RTN kept)") : QString());
    case VsRtn: return rtnRecMse_ > 0 ? QString::number(s.recMseHard / s.recMseRtn, 'f', 3) : QStringLiteral("-");
    case RecMseSoft: return QString::number(s.recMseSoft, 'g', 4);
    case Flipped: return QString::number(100.0 * s.flippedShare, 'f', 1) + QStringLiteral(" %");
    case Settled: return QString::number(100.0 * s.settledShare, 'f', 1) + QStringLiteral(" %");
    case Top1:
        return e.attempt->accuracy.count > 0 ? QString::number(e.attempt->accuracy.top1, 'f', 2) + QStringLiteral(" %")
                                             : QStringLiteral("-");
    case Seconds: return QString::number(e.attempt->seconds, 'f', 1);
    default: return {};
    }
}

bool LabAttemptsModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || index.column() != Name || role != Qt::CheckStateRole)
        return false;
    entries_[size_t(index.row())].shown = value.toInt() == Qt::Checked;
    emit dataChanged(index, index, {Qt::CheckStateRole});
    emit shownChanged();
    return true;
}

Qt::ItemFlags LabAttemptsModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.column() == Name)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant LabAttemptsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::ToolTipRole) {
        static const char* const tips[ColumnCount] = {
            "The attempt's number and the knobs it changed against the run setup",
            "Weight bits of the layer",
            "AdaRound iterations",
            "Output MSE of the hard (0/1) rounding on the calibration images",
            "Hard rec MSE over round-to-nearest's: below 1, AdaRound beats nearest",
            "Output MSE of the soft rounding h(V) at the end",
            "Weights rounded the other way than nearest",
            "h(V) within 0.01 of 0 or 1 at the end",
            "Top-1 of the context model with this rounding of the layer",
            "Seconds for the attempt (optimisation and top-1)"};
        return tr(tips[section]);
    }
    if (role != Qt::DisplayRole)
        return {};
    if (section == Top1 && rtnTop1_ >= 0)
        return tr("Top-1 (RTN %1 %)").arg(rtnTop1_, 0, 'f', 2);
    static const char* const names[ColumnCount] = {"Attempt", "Bits", "Iters", "Rec MSE", "÷ RTN", "Soft MSE",
                                                   "Flipped", "Settled", "Top-1", "Seconds"};
    return tr(names[section]);
}
