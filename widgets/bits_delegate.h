#pragma once
// The editor of the layer table's Bits column: a drop-down of the valid values
// (2 to 8 bits, fp32), opened on the current value with its list shown, so one
// click (or F2, or a typed digit) and one choice set a layer's bits. Choosing
// applies at once; Esc or a click elsewhere leaves the value as it was.
#include <QComboBox>
#include <QStyledItemDelegate>

// A combo box that says when its list closes (QComboBox has no signal for it).
class BitsComboBox : public QComboBox {
    Q_OBJECT
public:
    using QComboBox::QComboBox;
    void hidePopup() override;

signals:
    void popupHidden();
};

class BitsDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    // The choices, in order: their labels and bits (0 = fp32).
    static QList<QPair<QString, int>> choices();

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;
    void updateEditorGeometry(QWidget* editor, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};
