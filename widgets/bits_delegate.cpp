#include "bits_delegate.h"

#include <QPointer>
#include <QTimer>

void BitsComboBox::hidePopup()
{
    QComboBox::hidePopup();
    emit popupHidden();
}

QList<QPair<QString, int>> BitsDelegate::choices()
{
    QList<QPair<QString, int>> c;
    for (int b = 2; b <= 8; ++b)
        c.append({QString::number(b), b});
    c.append({QStringLiteral("fp32"), 0});
    return c;
}

QWidget* BitsDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem&, const QModelIndex&) const
{
    auto* box = new BitsComboBox(parent);
    box->setObjectName(QStringLiteral("bitsEditor"));
    for (const auto& [label, bits] : choices())
        box->addItem(label, bits);
    box->setItemData(box->count() - 1, tr("Keep the layer in float: not quantized"), Qt::ToolTipRole);
    box->setToolTip(tr("Weight bit-width of the layer (fp32: not quantized)"));
    // A choice applies at once and closes the editor.
    connect(box, &QComboBox::activated, this, [this, box] {
        box->setProperty("chosen", true);
        auto* self = const_cast<BitsDelegate*>(this);
        emit self->commitData(box);
        emit self->closeEditor(box, QAbstractItemDelegate::NoHint);
    });
    // The list closed without a choice (Esc, a click outside): the editor goes too,
    // once the choice (emitted after the list hides) has had its turn.
    connect(box, &BitsComboBox::popupHidden, this, [this, box] {
        QTimer::singleShot(0, box, [this, box] {
            if (!box->property("chosen").toBool())
                emit const_cast<BitsDelegate*>(this)->closeEditor(box, QAbstractItemDelegate::RevertModelCache);
        });
    });
    // Open with the list shown: one click on the cell is enough to choose.
    QTimer::singleShot(0, box, [box] {
        if (box->isVisible())
            box->showPopup();
    });
    return box;
}

void BitsDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    auto* box = static_cast<QComboBox*>(editor);
    const int i = box->findData(index.data(Qt::EditRole).toInt());
    box->setCurrentIndex(i >= 0 ? i : box->count() - 1);
}

void BitsDelegate::setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const
{
    auto* box = static_cast<QComboBox*>(editor);
    if (box->currentIndex() >= 0)
        model->setData(index, box->currentText(), Qt::EditRole); // "2".."8" or "fp32", as typed values
}

void BitsDelegate::updateEditorGeometry(QWidget* editor, const QStyleOptionViewItem& option, const QModelIndex&) const
{
    // At least as wide as the combo needs for "fp32" and its arrow, right-aligned in the cell.
    QRect r = option.rect;
    const int width = std::max(r.width(), editor->sizeHint().width());
    r.setLeft(r.right() - width + 1);
    editor->setGeometry(r);
}
