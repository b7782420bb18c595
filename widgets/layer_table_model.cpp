#include "layer_table_model.h"

LayerTableModel::LayerTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void LayerTableModel::setLayers(const std::vector<adaround::LayerInfo>& layers, const std::vector<int>& bits)
{
    beginResetModel();
    layers_ = layers;
    bits_ = bits;
    bits_.resize(layers_.size(), 8);
    endResetModel();
}

int LayerTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(layers_.size());
}

int LayerTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LayerTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const auto& l = layers_[size_t(index.row())];
    const int bits = bits_[size_t(index.row())];
    if (role == Qt::TextAlignmentRole && (index.column() == Index || index.column() == Params || index.column() == Bits))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::EditRole && index.column() == Bits)
        return bits;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Index: return index.row();
    case Name: return QString::fromStdString(l.name);
    case Kind: return QString::fromStdString(adaround::describeKind(l));
    case Weight: return QString::fromStdString(adaround::shapeString(l.weightShape));
    case Params: return QVariant::fromValue<qlonglong>(l.params);
    case BatchNorm: return l.batchNorm.empty() ? QStringLiteral("-") : QString::fromStdString(l.batchNorm);
    case Activation: return QString::fromStdString(adaround::toString(l.activation));
    case Bits: return bits == 0 ? QStringLiteral("fp32") : QString::number(bits);
    default: return {};
    }
}

bool LayerTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || index.column() != Bits || role != Qt::EditRole)
        return false;
    const QString text = value.toString().trimmed().toLower();
    int bits = 0;
    if (text != QLatin1String("fp32")) {
        bool ok = false;
        bits = text.toInt(&ok);
        if (!ok || bits < 2 || bits > 8)
            return false; // the view keeps the old value
    }
    int& slot = bits_[size_t(index.row())];
    if (slot == bits)
        return true;
    slot = bits;
    emit dataChanged(index, index);
    emit bitsChanged();
    return true;
}

QVariant LayerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char* const names[ColumnCount] = {"#", "Layer", "Kind", "Weight", "Params", "BatchNorm",
                                                   "Activation", "Bits"};
    return tr(names[section]);
}

Qt::ItemFlags LayerTableModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == Bits)
        f |= Qt::ItemIsEditable;
    return f;
}
