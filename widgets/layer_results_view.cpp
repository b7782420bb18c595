#include "layer_results_view.h"

#include "layer_results_model.h"

#include <QHeaderView>

#include <algorithm>

LayerResultsView::LayerResultsView(QWidget* parent) : QTableView(parent)
{
    setAlternatingRowColors(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setTextElideMode(Qt::ElideMiddle);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    verticalHeader()->setVisible(false);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(true);
    connect(horizontalHeader(), &QHeaderView::sectionResized, this, [this](int section, int, int) {
        if (section == LayerResultsModel::Layer && !fitting_)
            nameWidened_ = true;
    });
}

void LayerResultsView::setModel(QAbstractItemModel* model)
{
    QTableView::setModel(model);
    if (!model)
        return;
    // Per-section modes need the model's columns: the name column is sized here.
    horizontalHeader()->setSectionResizeMode(LayerResultsModel::Layer, QHeaderView::Interactive);
    connect(model, &QAbstractItemModel::rowsInserted, this, &LayerResultsView::fitNameColumn);
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        nameWidened_ = false;
        fitNameColumn();
    });
    fitNameColumn();
}

int LayerResultsView::nameColumnCap() const
{
    return std::max(80, viewport()->width() / 2);
}

void LayerResultsView::resizeEvent(QResizeEvent* event)
{
    QTableView::resizeEvent(event);
    fitNameColumn();
}

void LayerResultsView::fitNameColumn()
{
    if (!model() || nameWidened_)
        return;
    const int wanted = std::max(sizeHintForColumn(LayerResultsModel::Layer),
                                horizontalHeader()->sectionSizeHint(LayerResultsModel::Layer));
    fitting_ = true;
    horizontalHeader()->resizeSection(LayerResultsModel::Layer, std::min(wanted, nameColumnCap()));
    fitting_ = false;
}
