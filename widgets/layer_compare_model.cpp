#include "layer_compare_model.h"

#include <QColor>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <limits>

QString runLetter(int index)
{
    QString s;
    for (int i = index; i >= 0; i = i / 26 - 1)
        s.prepend(QChar(u'A' + i % 26));
    return s;
}

void LayerCompareModel::setRuns(const std::vector<ComparedRun>& runs)
{
    beginResetModel();
    runs_ = runs;
    layers_.clear();
    for (const ComparedRun& r : runs_)
        for (const auto& l : r.layers)
            if (std::find(layers_.begin(), layers_.end(), l.name) == layers_.end())
                layers_.push_back(l.name);
    endResetModel();
}

int LayerCompareModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(layers_.size());
}

int LayerCompareModel::columnCount(const QModelIndex& parent) const
{
    if (parent.isValid() || runs_.empty())
        return 0;
    return 1 + int(runs_.size()) * kFiguresPerRun + int(runs_.size()) - 1;
}

const adaround::LayerFinished* LayerCompareModel::figures(int run, int row) const
{
    for (const auto& l : runs_[size_t(run)].layers)
        if (l.name == layers_[size_t(row)])
            return &l;
    return nullptr;
}

double LayerCompareModel::delta(int run, int row) const
{
    const auto* a = figures(0, row);
    const auto* b = figures(run, row);
    if (!a || !b || a->recMseHard <= 0)
        return std::numeric_limits<double>::quiet_NaN();
    return 100.0 * (b->recMseHard - a->recMseHard) / a->recMseHard;
}

QVariant LayerCompareModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const int col = index.column();
    const int runs = int(runs_.size());
    if (col == 0) {
        if (role == Qt::DisplayRole)
            return layerName(index.row());
        return {};
    }
    if (role == Qt::TextAlignmentRole)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    const int figureCol = col - 1;
    if (figureCol < runs * kFiguresPerRun) {
        const int run = figureCol / kFiguresPerRun;
        const auto* f = figures(run, index.row());
        if (role == Qt::ForegroundRole)
            return runs_[size_t(run)].color.darker(120);
        if (role != Qt::DisplayRole || !f)
            return {};
        switch (figureCol % kFiguresPerRun) {
        case 0:
            return QString::number(f->recMseHard, 'e', 3);
        case 1:
            return QString::number(100.0 * f->flippedShare, 'f', 1);
        default:
            return f->optimised ? QString::number(100.0 * f->settledShare, 'f', 1) : QStringLiteral("RTN");
        }
    }
    const int run = figureCol - runs * kFiguresPerRun + 1;
    const double d = delta(run, index.row());
    if (role == Qt::ForegroundRole && !std::isnan(d) && std::abs(d) >= 0.05)
        return d < 0 ? QColor(0, 120, 0) : QColor(180, 0, 0);
    if (role == Qt::DisplayRole && !std::isnan(d))
        return (d > 0 ? QStringLiteral("+") : QString()) + QString::number(d, 'f', 1) + QStringLiteral(" %");
    return {};
}

QVariant LayerCompareModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    const int runs = int(runs_.size());
    if (section == 0)
        return role == Qt::DisplayRole ? tr("Layer") : QVariant();
    const int figureCol = section - 1;
    if (figureCol < runs * kFiguresPerRun) {
        const int run = figureCol / kFiguresPerRun;
        if (role == Qt::ToolTipRole)
            return runs_[size_t(run)].label;
        if (role == Qt::ForegroundRole)
            return runs_[size_t(run)].color;
        if (role != Qt::DisplayRole)
            return {};
        static const char* const names[kFiguresPerRun] = {QT_TR_NOOP("rec MSE hard"), QT_TR_NOOP("flipped %"),
                                                          QT_TR_NOOP("settled %")};
        return runLetter(run) + QLatin1Char(' ') + tr(names[figureCol % kFiguresPerRun]);
    }
    const int run = figureCol - runs * kFiguresPerRun + 1;
    if (role == Qt::ToolTipRole)
        return tr("Change of %1's reconstruction MSE after hard rounding against %2's (negative: %1 is better)")
            .arg(runLetter(run), runLetter(0));
    if (role == Qt::DisplayRole)
        return tr("Δ %1−%2 MSE").arg(runLetter(run), runLetter(0));
    return {};
}
