#include "sweep_points_model.h"

#include "sweep_results.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

#include <cmath>

namespace {

QString stateText(const adaround::Json& p)
{
    QString s = QString::fromStdString(p.value("status", std::string("pending")));
    if (s == QLatin1String("running") && p.value("layers_done", adaround::Json()).is_number())
        s += QObject::tr(" (%n layer(s) done)", nullptr, p["layers_done"].get<int>());
    const int attempts = p.value("attempts", 0);
    if (attempts > 1)
        s += QObject::tr(", attempt %1").arg(attempts);
    return s;
}

QColor stateColor(const QString& state)
{
    if (state == QLatin1String("completed"))
        return {};
    if (state == QLatin1String("running"))
        return QColor(31, 119, 180);
    if (state == QLatin1String("pending") || state == QLatin1String("queued"))
        return QColor(110, 110, 110);
    return QColor(200, 30, 30); // failed, cancelled, killed, unreadable
}

} // namespace

SweepPointsModel::SweepPointsModel(QObject* parent) : QAbstractTableModel(parent) {}

void SweepPointsModel::setReport(const adaround::Json& report)
{
    QStringList keys;
    for (const sweepresults::Knob& k : sweepresults::knobs(report))
        keys << k.key;
    const size_t rows = report.value("points", adaround::Json::array()).size();
    const bool sameShape = keys == keys_ && rows == size_t(rowCount()) && report.value("dir", "") ==
                                                                              report_.value("dir", "");
    if (sameShape) {
        report_ = report;
        if (rows > 0)
            emit dataChanged(index(0, 0), index(int(rows) - 1, columnCount() - 1));
        return;
    }
    beginResetModel();
    report_ = report;
    keys_ = keys;
    endResetModel();
}

QString SweepPointsModel::logPath(int row) const
{
    const adaround::Json& log = point(row)["log"];
    return log.is_string() ? QString::fromStdString(log.get<std::string>()) : QString();
}

QString SweepPointsModel::status(int row) const
{
    return QString::fromStdString(point(row).value("status", std::string()));
}

int SweepPointsModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid())
        return 0;
    const auto it = report_.find("points"); // no copy: the view asks often
    return it == report_.end() ? 0 : int(it->size());
}

int SweepPointsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : 1 + int(keys_.size()) + FigureCount;
}

QVariant SweepPointsModel::figure(const adaround::Json& p, Figure f, int role) const
{
    static const char* const fields[] = {nullptr, nullptr, "fp32_top1", "rtn_top1", "top1", "settled_share", "seconds"};
    const double v = sweepresults::number(p, fields[f]);
    if (!std::isfinite(v))
        return role == Qt::DisplayRole ? QVariant(QStringLiteral("–")) : QVariant();
    if (role == NumberRole)
        return v;
    const QLocale locale;
    if (f == Settled)
        return QStringLiteral("%1 %").arg(locale.toString(100.0 * v, 'f', 1));
    if (f == Seconds)
        return v >= 90 ? tr("%1 min").arg(locale.toString(v / 60.0, 'f', 1)) : tr("%1 s").arg(locale.toString(v, 'f', 1));
    return locale.toString(v, 'f', 2);
}

QVariant SweepPointsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const adaround::Json& p = point(index.row());
    const int c = index.column();
    const int f = c - 1 - int(keys_.size());
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(f >= Fp32 || c == 0 || f == Seed ? Qt::AlignRight | Qt::AlignVCenter
                                                                    : Qt::AlignLeft | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        const QString error = QString::fromStdString(p.value("error", std::string()));
        const QString log = logPath(index.row());
        return error.isEmpty() ? (log.isEmpty() ? tr("No run log yet") : log) : error;
    }
    if (role == Qt::ForegroundRole && f == Status) {
        const QColor color = stateColor(status(index.row()));
        return color.isValid() ? QVariant(QBrush(color)) : QVariant();
    }
    if (role != Qt::DisplayRole && role != NumberRole)
        return {};
    if (c == 0)
        return role == NumberRole ? QVariant(p.value("index", 0)) : QVariant(QString::fromStdString(p.value("name", std::string())));
    if (f < 0)
        return sweepresults::setting(p, keys_[c - 1]);
    if (f == Seed)
        return QVariant::fromValue(qulonglong(p.value("seed", uint64_t(0))));
    if (f == Status)
        return stateText(p);
    return figure(p, Figure(f), role);
}

QVariant SweepPointsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    const int f = section - 1 - int(keys_.size());
    if (role == Qt::ToolTipRole) {
        if (f == Settled)
            return tr("Mean share of each layer's h(V) that settled at 0 or 1");
        if (f >= Fp32 && f <= AdaRound)
            return tr("Top-1 accuracy (%) on the evaluation images; completed points only");
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    if (section == 0)
        return tr("Point");
    if (f < 0)
        return keys_.value(section - 1);
    static const char* const names[] = {QT_TR_NOOP("Seed"),          QT_TR_NOOP("Status"),  QT_TR_NOOP("FP32 %"),
                                        QT_TR_NOOP("RTN %"),         QT_TR_NOOP("AdaRound %"), QT_TR_NOOP("Settled"),
                                        QT_TR_NOOP("Time")};
    return f < FigureCount ? tr(names[f]) : QVariant();
}
