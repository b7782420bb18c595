#pragma once
// The layer table's Sensitivity cells: a bar as long as the layer's share of
// the largest drop (LayerTableModel::SensitivityBarRole) behind the figure, so
// the layers that cannot take few bits stand out at a glance.
#include <QStyledItemDelegate>

class SensitivityBarDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};
