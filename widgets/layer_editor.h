#pragma once
// The layer table with its bulk edits: select depthwise convs, set the bits of
// the selected rows, switch AdaRound on or off for them. A click on a Bits cell
// opens its drop-down (BitsDelegate). During a run it marks the layer being
// quantized and keeps it in view.
#include <QWidget>

class LayerTableModel;
class QComboBox;
class QTableView;

class LayerEditor : public QWidget {
    Q_OBJECT
public:
    explicit LayerEditor(LayerTableModel* model, QWidget* parent = nullptr);

    QTableView* view() const { return view_; }
    QList<int> selectedRows() const;

    void selectDepthwise();
    void setSelectedBits(int bits); // 0 = float
    void setSelectedOptimised(bool on);
    // The row a run is quantizing (-1: none). The marker moving clears the
    // selection: rows picked before the run say nothing about it.
    void markRunningLayer(int row);

private:
    LayerTableModel* model_;
    QTableView* view_;
    QComboBox* bits_;
};
