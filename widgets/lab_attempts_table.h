#pragma once
// The layer lab's list of attempts: one row selected at a time, columns fitted
// to the figures whenever they change, room for four attempts before it scrolls.
#include <QTableView>

class LabAttemptsModel;

class LabAttemptsTable : public QTableView {
    Q_OBJECT
public:
    explicit LabAttemptsTable(LabAttemptsModel* model, QWidget* parent = nullptr);
};
