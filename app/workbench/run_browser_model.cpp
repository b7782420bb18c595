#include "run_browser_model.h"

#include "adaround/knobs.h"
#include "run_progress.h"

#include <QFileInfo>
#include <QDir>

namespace {

QDateTime parseUtc(const std::string& iso)
{
    QDateTime t = QDateTime::fromString(QString::fromStdString(iso), Qt::ISODate);
    return t.isValid() ? t.toLocalTime() : QDateTime();
}

const adaround::Accuracy* accuracy(const RunEntry& e, int column)
{
    if (!e.summary.finished)
        return nullptr;
    const adaround::RunFinished& f = *e.summary.finished;
    return column == RunBrowserModel::Fp32Top1 ? &f.fp32 : column == RunBrowserModel::RtnTop1 ? &f.rtn : &f.adaround;
}

// The run's duration: the completed run's own, else from its start to its end (or to now while running).
double seconds(const RunEntry& e)
{
    if (e.summary.finished)
        return e.summary.finished->seconds;
    const QDateTime start = parseUtc(e.summary.info.startTime);
    const QDateTime end = e.summary.info.endTime.empty() ? e.modified : parseUtc(e.summary.info.endTime);
    return start.isValid() && end.isValid() ? std::max<qint64>(0, start.secsTo(end)) : -1;
}

} // namespace

QString RunBrowserModel::displayName(const RunEntry& e)
{
    return e.notes.name.isEmpty() ? QFileInfo(e.path).completeBaseName() : e.notes.name;
}

QString RunBrowserModel::modelText(const RunEntry& e)
{
    if (!e.summary.hasStarted)
        return {};
    const QString name = QFileInfo(QString::fromStdString(e.summary.info.modelPath)).fileName();
    const QString hash = QString::fromStdString(e.summary.info.modelSha256).left(7);
    return hash.isEmpty() ? name : name + QStringLiteral(" · ") + hash;
}

double RunBrowserModel::meanSettledPercent(const adaround::RunLogSummary& s)
{
    double sum = 0;
    int n = 0;
    for (const auto& l : s.layers)
        if (l.optimised) {
            sum += l.settledShare;
            ++n;
        }
    return n ? 100.0 * sum / n : -1;
}

void RunBrowserModel::apply(const RunScan& scan)
{
    for (const QString& path : scan.removed) {
        const int row = rowOf(path);
        if (row < 0)
            continue;
        beginRemoveRows({}, row, row);
        rows_.erase(rows_.begin() + row);
        endRemoveRows();
    }
    for (const RunEntry& e : scan.changed) {
        const int row = rowOf(e.path);
        if (row >= 0) {
            rows_[size_t(row)] = e;
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        } else {
            beginInsertRows({}, int(rows_.size()), int(rows_.size()));
            rows_.push_back(e);
            endInsertRows();
        }
    }
}

int RunBrowserModel::rowOf(const QString& path) const
{
    for (size_t i = 0; i < rows_.size(); ++i)
        if (rows_[i].path == path)
            return int(i);
    return -1;
}

int RunBrowserModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(rows_.size());
}

int RunBrowserModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunBrowserModel::display(const RunEntry& e, int column) const
{
    const adaround::RunLogSummary& s = e.summary;
    const adaround::AdaRoundConfig& c = s.config;
    const bool started = e.readable && s.hasStarted;
    switch (column) {
    case Name:
        return displayName(e);
    case Status: {
        if (!e.readable)
            return tr("unreadable");
        const QString status = QString::fromStdString(s.info.status);
        return status == QLatin1String("completed") || !started
                   ? status
                   : tr("%1 (%2/%3 layers)").arg(status).arg(s.layersDone).arg(s.plannedLayers);
    }
    case AdaRoundTop1:
    case RtnTop1:
    case Fp32Top1:
        if (const adaround::Accuracy* a = accuracy(e, column))
            return QString::number(a->top1, 'f', 2);
        return {};
    case Model:
        return modelText(e);
    case Bits:
        if (!started)
            return {};
        return (c.bits.firstLastBits > 0 && c.bits.firstLastBits != c.bits.defaultBits
                    ? tr("%1 (ends %2)").arg(c.bits.defaultBits).arg(c.bits.firstLastBits)
                    : QString::number(c.bits.defaultBits)) +
               (c.bits.overrides.empty() ? QString() : tr(" +%1 set").arg(c.bits.overrides.size()));
    case Lambda:
        return started ? QString::fromStdString(adaround::formatKnobValue(c.lambda)) : QVariant();
    case Beta:
        return started ? QStringLiteral("%1→%2").arg(c.betaStart).arg(c.betaEnd) : QVariant();
    case Schedule:
        return started ? QString::fromStdString(adaround::toString(c.schedule)) : QVariant();
    case Iterations:
        return started ? QVariant(c.iterations) : QVariant();
    case Seed:
        return started ? QString::number(c.seed) : QVariant();
    case Settled: {
        const double p = meanSettledPercent(s);
        return p < 0 ? QVariant() : QVariant(QString::number(p, 'f', 1));
    }
    case Time: {
        const double t = e.readable ? seconds(e) : -1;
        return t < 0 ? QVariant() : QVariant(RunProgress::formatDuration(t));
    }
    case Date: {
        const QDateTime t = parseUtc(s.info.startTime);
        return (t.isValid() ? t : e.modified).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    }
    case Tags:
        return e.notes.tags.join(QStringLiteral(", "));
    case Notes:
        return e.notes.notes;
    }
    return {};
}

QVariant RunBrowserModel::sortKey(const RunEntry& e, int column) const
{
    const adaround::AdaRoundConfig& c = e.summary.config;
    const bool started = e.readable && e.summary.hasStarted;
    switch (column) {
    case AdaRoundTop1:
    case RtnTop1:
    case Fp32Top1:
        if (const adaround::Accuracy* a = accuracy(e, column))
            return a->top1;
        return -1.0;
    case Bits:
        return started ? c.bits.defaultBits : -1;
    case Lambda:
        return started ? c.lambda : -1.0;
    case Beta:
        return started ? c.betaStart : -1.0;
    case Iterations:
        return started ? c.iterations : -1;
    case Seed:
        return started ? QVariant(qulonglong(c.seed)) : QVariant(qulonglong(0));
    case Settled:
        return meanSettledPercent(e.summary);
    case Time:
        return e.readable ? seconds(e) : -1.0;
    case Date: {
        const QDateTime t = parseUtc(e.summary.info.startTime);
        return (t.isValid() ? t : e.modified).toMSecsSinceEpoch();
    }
    default:
        return display(e, column).toString().toLower();
    }
}

QVariant RunBrowserModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const RunEntry& e = rows_[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return display(e, index.column());
    case Qt::EditRole:
        return index.column() == Name ? displayName(e) : display(e, index.column());
    case kSortRole:
        return sortKey(e, index.column());
    case kStatusRole:
        return e.readable ? QString::fromStdString(e.summary.info.status) : QStringLiteral("unreadable");
    case kPathRole:
        return e.path;
    case Qt::TextAlignmentRole:
        return (index.column() >= AdaRoundTop1 && index.column() <= Fp32Top1) || index.column() == Iterations ||
                       index.column() == Settled || index.column() == Time
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant();
    case Qt::ToolTipRole:
        if (!e.readable)
            return e.error;
        if (index.column() == Name)
            return QDir::toNativeSeparators(e.path) + (e.notes.notes.isEmpty() ? QString() : QStringLiteral("\n\n") + e.notes.notes);
        if (index.column() == Model)
            return tr("%1\nsha256 %2").arg(QString::fromStdString(e.summary.info.modelPath),
                                             QString::fromStdString(e.summary.info.modelSha256));
        if (index.column() == Status && !e.summary.info.error.empty())
            return QString::fromStdString(e.summary.info.error);
        if (index.column() == Status && e.summary.info.status == "running")
            return tr("Last saved %1. A run that is still going saves at least every few seconds while it "
                      "optimises; a log whose process was killed stays \"running\".")
                .arg(e.modified.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        if (index.column() == Settled)
            return tr("Mean share of h(V) within 0.01 of 0 or 1 at the end, over the AdaRound layers");
        return {};
    }
    return {};
}

QVariant RunBrowserModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section >= AdaRoundTop1 && section <= Fp32Top1)
        return tr("Final top-1 accuracy on the evaluation images (%)");
    if (role != Qt::DisplayRole)
        return {};
    static const char* const names[ColumnCount] = {
        QT_TR_NOOP("Name"),  QT_TR_NOOP("Status"), QT_TR_NOOP("AdaRound %"), QT_TR_NOOP("RTN %"), QT_TR_NOOP("FP32 %"), QT_TR_NOOP("Model"), QT_TR_NOOP("Bits"), QT_TR_NOOP("λ"), QT_TR_NOOP("β"),
        QT_TR_NOOP("Schedule"), QT_TR_NOOP("Iterations"), QT_TR_NOOP("Seed"), QT_TR_NOOP("Settled %"),
        QT_TR_NOOP("Time"), QT_TR_NOOP("Date"), QT_TR_NOOP("Tags"), QT_TR_NOOP("Notes")};
    return tr(names[section]);
}

Qt::ItemFlags RunBrowserModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.column() == Name || index.column() == Tags || index.column() == Notes)
        f |= Qt::ItemIsEditable;
    return f;
}

bool RunBrowserModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable))
        return false;
    RunEntry& e = rows_[size_t(index.row())];
    RunNotes notes = e.notes;
    const QString text = value.toString();
    if (index.column() == Name)
        notes.name = text.trimmed() == QFileInfo(e.path).completeBaseName() ? QString() : text.trimmed();
    else if (index.column() == Tags)
        notes.tags = parseTags(text);
    else
        notes.notes = text;
    if (notes == e.notes)
        return true;
    if (!writeRunNotes(e.path, notes, &lastError_))
        return false;
    e.notes = notes;
    emit dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    return true;
}
