#include "sensitivity_bar_delegate.h"

#include "layer_table_model.h"

#include <QPainter>

#include <algorithm>

void SensitivityBarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const QVariant share = index.data(LayerTableModel::SensitivityBarRole);
    if (share.isValid() && !(option.state & QStyle::State_Selected)) {
        const QRect cell = option.rect.adjusted(2, 3, -2, -3);
        QRect bar = cell;
        bar.setWidth(int(cell.width() * share.toDouble()));
        painter->save();
        painter->fillRect(bar, QColor(0xf4, 0xa2, 0x61)); // the drop's colour: orange, readable under black text
        painter->restore();
    }
    QStyledItemDelegate::paint(painter, option, index);
}

QSize SensitivityBarDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.setWidth(std::max(s.width(), 110)); // room for a bar
    return s;
}
