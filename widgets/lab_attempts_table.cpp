#include "lab_attempts_table.h"

#include "lab_attempts_model.h"

#include <QHeaderView>
#include <QTimer>

LabAttemptsTable::LabAttemptsTable(LabAttemptsModel* model, QWidget* parent) : QTableView(parent)
{
    setModel(model);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    // Fitted after each change (ResizeToContents here measured only the header).
    const auto fitColumns = [this] { QTimer::singleShot(0, this, [this] { resizeColumnsToContents(); }); };
    connect(model, &QAbstractItemModel::rowsInserted, this, fitColumns);
    connect(model, &QAbstractItemModel::modelReset, this, fitColumns);
    connect(model, &QAbstractItemModel::dataChanged, this, fitColumns);
    connect(model, &QAbstractItemModel::headerDataChanged, this, fitColumns);
    horizontalHeader()->setStretchLastSection(true); // the figures never squeezed to fill the width
    verticalHeader()->hide();
    // A lab session compares a handful of attempts.
    setMinimumHeight(horizontalHeader()->sizeHint().height() + 4 * verticalHeader()->defaultSectionSize() +
                     2 * frameWidth() + 2);
}
