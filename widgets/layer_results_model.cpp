#include "layer_results_model.h"

#include <QSaveFile>

void LayerResultsModel::clear()
{
    beginResetModel();
    rows_.clear();
    endResetModel();
}

void LayerResultsModel::addLayer(const adaround::LayerFinished& e)
{
    const int row = int(rows_.size());
    beginInsertRows({}, row, row);
    rows_.push_back(e);
    endInsertRows();
}

int LayerResultsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(rows_.size());
}

int LayerResultsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

namespace {

QString mse(double v) { return QString::number(v, 'e', 2); }
QString percent(double share) { return QString::number(100.0 * share, 'f', 1); }

// An RTN-only layer's RTN error is unknown where the run had no input for it
// (NaN: after the last optimised layer) and in logs written before it was
// measured (stored as 0 then).
bool rtnErrorKnown(const adaround::LayerFinished& r) { return r.optimised || r.recMseRtn > 0; }

} // namespace

QVariant LayerResultsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= int(rows_.size()))
        return {};
    const adaround::LayerFinished& r = rows_[size_t(index.row())];
    const int col = index.column();
    if (role == Qt::ToolTipRole && col == Layer)
        return QString::fromStdString(r.name); // the view may elide it
    if (role == Qt::DisplayRole) {
        const QString none = QStringLiteral("—");
        switch (col) {
        case Layer: return QString::fromStdString(r.name);
        case Bits: return r.bits;
        case Objective: return r.optimised ? QString::fromStdString(adaround::toString(r.objective)) : none;
        case RecRtn: return rtnErrorKnown(r) ? mse(r.recMseRtn) : none;
        case RecSoft: return r.optimised ? mse(r.recMseSoft) : none;
        case RecHard: return r.optimised ? mse(r.recMseHard) : none;
        case KeptRtn: return !r.optimised ? tr("RTN only") : r.keptRtn ? tr("yes") : QString();
        case Flipped: return r.optimised ? percent(r.flippedShare) : none;
        case Settled: return r.optimised ? percent(r.settledShare) : none;
        case Seconds: return QString::number(r.seconds, 'f', 1);
        }
    } else if (role == Qt::TextAlignmentRole) {
        return int((col == Layer || col == Objective ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
    } else if (role == Qt::ToolTipRole && col == KeptRtn && r.keptRtn) {
        return tr("Hard rounding reconstructed worse than round-to-nearest, so RTN was kept for this layer");
    } else if (role == Qt::ToolTipRole && col == RecRtn && !rtnErrorKnown(r)) {
        return tr("Not measured: the layer comes after the last optimised layer, so the run had no captured input "
                  "for it (or the log was written before RTN-only layers were measured)");
    }
    return {};
}

QVariant LayerResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Layer: return tr("Layer");
        case Bits: return tr("Bits");
        case Objective: return tr("Objective");
        case RecRtn: return tr("MSE RTN");
        case RecSoft: return tr("MSE soft");
        case RecHard: return tr("MSE hard");
        case KeptRtn: return tr("RTN kept");
        case Flipped: return tr("Flip %");
        case Settled: return tr("Settled %");
        case Seconds: return tr("Time s");
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
        case Layer: return tr("Layers in the order they were quantized");
        case Bits: return tr("Weight bit-width of the layer");
        case Objective:
            return tr("The reconstruction loss the layer was optimised with: paper (minibatch, through the "
                      "activation) or exact (second moments over all calibration data); auto picks per layer");
        case RecRtn: return tr("Per-element MSE of the layer output against FP32 on calibration data, round to nearest");
        case RecSoft: return tr("The same error with the soft (continuous) AdaRound weights at the end of optimisation");
        case RecHard: return tr("The same error after hard rounding (up where h(V) ≥ 0.5): the weights that are used");
        case KeptRtn: return tr("Hard rounding was worse than round-to-nearest, so RTN was kept");
        case Flipped: return tr("Share of weights rounded the other way than round-to-nearest");
        case Settled: return tr("Share of h(V) within 0.01 of 0 or 1 at the end");
        case Seconds: return tr("Seconds of wall time for the layer: input capture, optimisation and metrics");
        }
    }
    return {};
}

namespace {

QString csvField(const QString& s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n')))
        return s;
    QString quoted = s;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString num(double v) { return QString::number(v, 'g', 10); }

} // namespace

QString LayerResultsModel::toCsv() const
{
    QString out = QStringLiteral("layer,bits,optimised,rec_mse_rtn,rec_mse_soft,rec_mse_hard,kept_rtn,"
                                 "flipped_percent,settled_percent,seconds,objective\n");
    for (const adaround::LayerFinished& r : rows_) {
        const QStringList fields = {csvField(QString::fromStdString(r.name)),
                                    QString::number(r.bits),
                                    r.optimised ? QStringLiteral("yes") : QStringLiteral("no"),
                                    rtnErrorKnown(r) ? num(r.recMseRtn) : QString(),
                                    r.optimised ? num(r.recMseSoft) : QString(),
                                    r.optimised ? num(r.recMseHard) : QString(),
                                    r.keptRtn ? QStringLiteral("yes") : QStringLiteral("no"),
                                    r.optimised ? num(100.0 * r.flippedShare) : QString(),
                                    r.optimised ? num(100.0 * r.settledShare) : QString(),
                                    num(r.seconds),
                                    r.optimised ? QString::fromStdString(adaround::toString(r.objective)) : QString()};
        out += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return out;
}

bool LayerResultsModel::writeCsv(const QString& file, QString* error) const
{
    QSaveFile out(file); // never leaves a half-written file behind
    if (!out.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(file, out.errorString());
        return false;
    }
    out.write(toCsv().toUtf8());
    if (!out.commit()) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(file, out.errorString());
        return false;
    }
    return true;
}
