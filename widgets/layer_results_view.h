#pragma once
// The per-layer results table (LayerResultsModel): every column sized to its
// contents, the layer names whole when they fit in about half the table and
// elided in the middle beyond that (both ends of "features.12.conv.1.0" tell
// layers apart), the full name in a tooltip, and a horizontal scroll bar
// rather than cut columns. The name column can be widened by hand.
#include <QTableView>

class LayerResultsView : public QTableView {
    Q_OBJECT
public:
    explicit LayerResultsView(QWidget* parent = nullptr);
    void setModel(QAbstractItemModel* model) override;

    // The widest the name column grows on its own (the rest scrolls).
    int nameColumnCap() const;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void fitNameColumn();
    bool nameWidened_ = false; // set by hand: left alone
    bool fitting_ = false;     // the resize is ours, not the user's
};
