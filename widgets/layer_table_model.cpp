#include "layer_table_model.h"

#include "adaround/knobs.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>

#include <algorithm>

LayerTableModel::LayerTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void LayerTableModel::setLayers(const std::vector<adaround::LayerInfo>& layers, const std::vector<int>& bits)
{
    beginResetModel();
    // The same layers (a configuration applied) keep their measured sensitivity.
    const bool sameLayers = std::equal(layers.begin(), layers.end(), layers_.begin(), layers_.end(),
                                       [](const auto& a, const auto& b) { return a.name == b.name; });
    if (!sameLayers)
        drops_.clear();
    layers_ = layers;
    bits_ = bits;
    bits_.resize(layers_.size(), 8);
    optimised_.assign(layers_.size(), true);
    userSetBits_.assign(layers_.size(), false);
    rtnError_.clear(); // another model's
    rtnErrorBits_.clear();
    running_ = -1;
    endResetModel();
}

void LayerTableModel::setRunningLayer(int row)
{
    if (row < -1 || row >= int(layers_.size()))
        row = -1;
    if (row == running_)
        return;
    const int old = running_;
    running_ = row;
    for (int r : {old, row})
        if (r >= 0)
            emit dataChanged(index(r, 0), index(r, ColumnCount - 1),
                             {Qt::DisplayRole, Qt::FontRole, Qt::BackgroundRole, Qt::ToolTipRole});
}

void LayerTableModel::setFloatLayers(const std::vector<adaround::FloatLayer>& layers)
{
    beginResetModel();
    floatLayers_ = layers;
    endResetModel();
}

void LayerTableModel::emitColumnChanged(int column)
{
    if (!layers_.empty())
        emit dataChanged(index(0, column), index(int(layers_.size()) - 1, column));
}

void LayerTableModel::setBits(const QList<int>& rows, int bits)
{
    if (bits != 0 && (bits < 2 || bits > 8))
        return;
    bool changed = false;
    for (int r : rows)
        if (r >= 0 && r < int(layers_.size())) {
            changed = changed || bits_[size_t(r)] != bits || !userSetBits_[size_t(r)];
            bits_[size_t(r)] = bits;
            userSetBits_[size_t(r)] = true;
        }
    if (changed) {
        emitColumnChanged(Bits);
        emit bitsChanged();
    }
}

bool LayerTableModel::isBitsUserSet(int row) const
{
    return row >= 0 && row < int(layers_.size()) && userSetBits_[size_t(row)];
}

std::vector<std::string> LayerTableModel::userSetBitsLayers() const
{
    std::vector<std::string> names;
    for (size_t i = 0; i < layers_.size(); ++i)
        if (userSetBits_[i])
            names.push_back(layers_[i].name);
    return names;
}

void LayerTableModel::setUserSetBitsLayers(const std::vector<std::string>& names)
{
    for (size_t i = 0; i < layers_.size(); ++i)
        userSetBits_[i] = std::find(names.begin(), names.end(), layers_[i].name) != names.end();
    emitColumnChanged(Bits);
}

void LayerTableModel::applyPlannedBits(const std::vector<int>& planned, bool all)
{
    bool changed = false;
    for (size_t i = 0; i < layers_.size() && i < planned.size(); ++i) {
        if (userSetBits_[i] && !all)
            continue;
        changed = changed || bits_[i] != planned[i];
        bits_[i] = planned[i];
        userSetBits_[i] = false;
    }
    emitColumnChanged(Bits); // the marks of the user's choices may have changed too
    if (changed)
        emit bitsChanged();
}

void LayerTableModel::setOptimised(const QList<int>& rows, bool on)
{
    bool changed = false;
    for (int r : rows)
        if (r >= 0 && r < int(layers_.size()) && optimised_[size_t(r)] != on) {
            optimised_[size_t(r)] = on;
            changed = true;
        }
    if (changed) {
        emitColumnChanged(AdaRound);
        emit optimisedChanged();
    }
}

QList<int> LayerTableModel::depthwiseRows() const
{
    QList<int> rows;
    for (size_t i = 0; i < layers_.size(); ++i)
        if (layers_[i].isDepthwise())
            rows.append(int(i));
    return rows;
}

std::vector<std::string> LayerTableModel::rtnOnlyLayers() const
{
    std::vector<std::string> names;
    for (size_t i = 0; i < layers_.size(); ++i)
        if (!optimised_[i])
            names.push_back(layers_[i].name);
    return names;
}

void LayerTableModel::setRtnOnlyLayers(const std::vector<std::string>& names)
{
    for (size_t i = 0; i < layers_.size(); ++i)
        optimised_[i] = std::find(names.begin(), names.end(), layers_[i].name) == names.end();
    emitColumnChanged(AdaRound);
    emit optimisedChanged();
}

int LayerTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(layers_.size() + floatLayers_.size());
}

int LayerTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LayerTableModel::floatRowData(const QModelIndex& index, int role) const
{
    const auto& f = floatLayers_[size_t(index.row()) - layers_.size()];
    if (role == Qt::ToolTipRole)
        return tr("AdaRound does not quantize %1 layers: this one stays in float in the quantized model and its "
                  "exports.").arg(QString::fromStdString(f.kind));
    if (role == Qt::ForegroundRole)
        return QBrush(Qt::darkGray);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Name: return QString::fromStdString(f.name);
    case Kind: return QString::fromStdString(f.kind);
    case Bits: return tr("left in float (not quantized)");
    case AdaRound:
    case Sensitivity: return {};
    default: return QStringLiteral("-");
    }
}

QVariant LayerTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    if (isFloatRow(index.row()))
        return floatRowData(index, role);
    const auto& l = layers_[size_t(index.row())];
    const int bits = bits_[size_t(index.row())];
    const bool on = optimised_[size_t(index.row())];
    if (index.row() == running_) {
        if (role == Qt::FontRole) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        if (role == Qt::BackgroundRole)
            return QBrush(QColor(0xff, 0xe8, 0x9c)); // amber: readable in the disabled (running) table
        if (role == Qt::ToolTipRole && index.column() != AdaRound)
            return tr("%1: the run is quantizing this layer now").arg(QString::fromStdString(l.name));
        if (role == Qt::DisplayRole && index.column() == Index)
            return QStringLiteral("▶ %1").arg(index.row());
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Index || index.column() == Params ||
                                          index.column() == Bits || index.column() == RtnError))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (index.column() == AdaRound) {
        if (role == Qt::CheckStateRole)
            return on ? Qt::Checked : Qt::Unchecked;
        if (role == Qt::ToolTipRole)
            return tr("Checked: AdaRound optimises this layer's rounding. Unchecked: round-to-nearest only.");
        return {};
    }
    if (index.column() == Sensitivity)
        return sensitivityData(index.row(), role);
    if (role == Qt::EditRole && index.column() == Bits)
        return bits;
    if (index.column() == Bits && userSetBits_[size_t(index.row())]) { // the user's choice: shown in bold
        if (role == Qt::FontRole) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        if (role == Qt::ToolTipRole)
            return tr("Set by you: a new Default bits leaves this layer alone (Edit > Reset Bits to Default).");
    }
    if (role == Qt::ToolTipRole && index.column() == Name)
        return QString::fromStdString(l.name); // the view may elide it
    if (role == Qt::ToolTipRole && index.column() == Bits)
        return tr("Weight bits: click to choose 2-8 or fp32 (keep in float)");
    if (role == Qt::ToolTipRole && index.column() == RtnError)
        return rtnErrorTip();
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
    case RtnError: {
        const size_t r = size_t(index.row());
        return r < rtnError_.size() && rtnError_[r] >= 0 && rtnErrorBits_[r] == bits
                   ? QString::number(100.0 * rtnError_[r], 'g', 3) + QStringLiteral(" %") // 8-bit errors are tiny
                   : QStringLiteral("-");
    }
    case Overrides: {
        QStringList out;
        if (const auto it = overrides_.find(l.name); it != overrides_.end())
            for (const auto& [key, value] : it->second)
                out << QString::fromStdString(key + "=" + adaround::formatKnobValue(value));
        return out.join(QStringLiteral(", "));
    }
    default: return {};
    }
}

void LayerTableModel::setLayerOverrides(const std::map<std::string, adaround::KnobOverrides>& overrides)
{
    overrides_ = overrides;
    emitColumnChanged(Overrides);
}

bool LayerTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || index.row() >= int(layers_.size()))
        return false; // a float row has nothing to set
    if (index.column() == AdaRound && role == Qt::CheckStateRole) {
        const bool on = value.toInt() == Qt::Checked;
        if (optimised_[size_t(index.row())] != on) {
            optimised_[size_t(index.row())] = on;
            emit dataChanged(index, index);
            emit optimisedChanged();
        }
        return true;
    }
    if (index.column() != Bits || role != Qt::EditRole)
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
    const bool wasSet = userSetBits_[size_t(index.row())];
    userSetBits_[size_t(index.row())] = true; // chosen, even if it is the value it had
    if (slot == bits && wasSet)
        return true;
    slot = bits;
    emit dataChanged(index, index);
    emit bitsChanged();
    return true;
}

void LayerTableModel::setRtnErrors(const std::vector<std::pair<std::string, double>>& errors, const std::vector<int>& bits)
{
    rtnError_.assign(layers_.size(), -1.0);
    rtnErrorBits_.assign(layers_.size(), -1);
    for (size_t i = 0; i < errors.size() && i < bits.size(); ++i)
        for (size_t r = 0; r < layers_.size(); ++r)
            if (layers_[r].name == errors[i].first) {
                rtnError_[r] = errors[i].second;
                rtnErrorBits_[r] = bits[i];
            }
    emitColumnChanged(RtnError);
}

QString LayerTableModel::rtnErrorTip()
{
    return tr("The damage round-to-nearest does to the layer's weights, ‖W_RTN − W‖² / ‖W‖², at its bits "
              "(Run > Evaluate FP32 / RTN at These Bits; the Teaching preset evaluates first). \"-\" until "
              "evaluated or after its bits change.");
}

QVariant LayerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == Overrides)
        return tr("This layer's own settings of per-layer knobs (--layer-set NAME.KEY=VALUE, the configuration's "
                  "\"layers\")");
    if (role == Qt::ToolTipRole && section == AdaRound)
        return tr("Optimise the rounding with AdaRound (unchecked: round-to-nearest only)");
    if (role == Qt::ToolTipRole && section == RtnError)
        return rtnErrorTip();
    if (role == Qt::ToolTipRole && section == Sensitivity)
        return tr("Top-1 points lost with this layer alone rounded to nearest, the others in float "
                  "(Run > Per-Layer Sensitivity and Plan)");
    if (role != Qt::DisplayRole)
        return {};
    if (section == Sensitivity)
        return drops_.empty() ? tr("Sensitivity") : tr("Drop at %1 bits").arg(dropBits_);
    static const char* const names[ColumnCount] = {"#", "Layer", "Kind", "Weight", "Params", "BatchNorm",
                                                   "Activation", "AdaRound", "Bits", "RTN error", "Sensitivity",
                                                   "Overrides"};
    return tr(names[section]);
}

Qt::ItemFlags LayerTableModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (isFloatRow(index.row()))
        return f;
    if (index.isValid() && index.column() == Bits)
        f |= Qt::ItemIsEditable;
    if (index.isValid() && index.column() == AdaRound)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

void LayerTableModel::setSensitivity(const std::vector<double>& drops, int bits)
{
    drops_ = drops.size() == layers_.size() ? drops : std::vector<double>{};
    dropBits_ = bits;
    emitColumnChanged(Sensitivity);
    emit headerDataChanged(Qt::Horizontal, Sensitivity, Sensitivity);
}

QVariant LayerTableModel::sensitivityData(int row, int role) const
{
    if (drops_.empty())
        return role == Qt::DisplayRole ? QVariant(QStringLiteral("-")) : QVariant();
    const double drop = drops_[size_t(row)];
    switch (role) {
    case Qt::DisplayRole: return QLocale().toString(drop, 'f', 2);
    case Qt::TextAlignmentRole: return int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        return tr("%1 alone at %2 bits (round-to-nearest, the others in float): top-1 %3 points below FP32")
            .arg(QString::fromStdString(layers_[size_t(row)].name))
            .arg(dropBits_)
            .arg(QLocale().toString(drop, 'f', 2));
    case SensitivityBarRole: {
        double largest = 0;
        for (double d : drops_)
            largest = std::max(largest, d);
        return largest > 0 ? std::clamp(drop / largest, 0.0, 1.0) : 0.0;
    }
    default: return {};
    }
}
