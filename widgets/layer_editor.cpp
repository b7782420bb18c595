#include "layer_editor.h"

#include "bits_delegate.h"
#include "layer_table_model.h"
#include "sensitivity_bar_delegate.h"
#include "wheel_guard.h"

#include <QComboBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

LayerEditor::LayerEditor(LayerTableModel* model, QWidget* parent) : QWidget(parent), model_(model)
{
    view_ = new QTableView(this);
    view_->setModel(model_);
    view_->verticalHeader()->hide();
    view_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view_->horizontalHeader()->setSectionResizeMode(LayerTableModel::Name, QHeaderView::Stretch);
    view_->setAlternatingRowColors(true);
    view_->setTextElideMode(Qt::ElideMiddle); // both ends of a module path tell layers apart
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                           QAbstractItemView::AnyKeyPressed);
    view_->setItemDelegateForColumn(LayerTableModel::Bits, new BitsDelegate(view_));
    view_->setItemDelegateForColumn(LayerTableModel::Sensitivity, new SensitivityBarDelegate(view_));
    // One click on a Bits cell opens its list; with Ctrl or Shift the click only selects.
    connect(view_, &QAbstractItemView::clicked, this, [this](const QModelIndex& index) {
        if (index.column() == LayerTableModel::Bits && (model_->flags(index) & Qt::ItemIsEditable) &&
            QGuiApplication::keyboardModifiers() == Qt::NoModifier)
            view_->edit(index);
    });

    auto* depthwise = new QPushButton(tr("Select depthwise"), this);
    depthwise->setToolTip(tr("Select every depthwise convolution, e.g. to give them all 8 bits."));
    connect(depthwise, &QPushButton::clicked, this, &LayerEditor::selectDepthwise);
    bits_ = new QComboBox(this);
    for (int b = 2; b <= 8; ++b)
        bits_->addItem(tr("%1 bits").arg(b), b);
    bits_->addItem(tr("fp32 (keep float)"), 0);
    bits_->setCurrentIndex(6);
    bits_->setToolTip(tr("Bit-width for the selected layers."));
    WheelGuard::install(bits_);
    auto* setBits = new QPushButton(tr("Set bits"), this);
    setBits->setToolTip(tr("Give the selected layers the chosen bit-width."));
    connect(setBits, &QPushButton::clicked, this, [this] { setSelectedBits(bits_->currentData().toInt()); });
    auto* on = new QPushButton(tr("AdaRound on"), this);
    on->setToolTip(tr("Optimise the rounding of the selected layers with AdaRound."));
    connect(on, &QPushButton::clicked, this, [this] { setSelectedOptimised(true); });
    auto* off = new QPushButton(tr("RTN only"), this);
    off->setToolTip(tr("Quantize the selected layers with round-to-nearest, without AdaRound."));
    connect(off, &QPushButton::clicked, this, [this] { setSelectedOptimised(false); });

    auto* bar = new QHBoxLayout;
    bar->addWidget(depthwise);
    bar->addStretch(1);
    bar->addWidget(bits_);
    bar->addWidget(setBits);
    bar->addWidget(on);
    bar->addWidget(off);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view_, 1);
    layout->addLayout(bar);
}

QList<int> LayerEditor::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex& i : view_->selectionModel()->selectedRows())
        rows.append(i.row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

void LayerEditor::selectDepthwise()
{
    QItemSelection selection;
    for (int r : model_->depthwiseRows())
        selection.select(model_->index(r, 0), model_->index(r, LayerTableModel::ColumnCount - 1));
    view_->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

void LayerEditor::setSelectedBits(int bits)
{
    model_->setBits(selectedRows(), bits);
}

void LayerEditor::markRunningLayer(int row)
{
    if (row == model_->runningLayer())
        return;
    view_->clearSelection();
    model_->setRunningLayer(row);
    if (row >= 0)
        view_->scrollTo(model_->index(row, LayerTableModel::Name), QAbstractItemView::EnsureVisible);
}

void LayerEditor::setSelectedOptimised(bool on)
{
    model_->setOptimised(selectedRows(), on);
}
