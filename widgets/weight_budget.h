#pragma once
// The model's weight size as the layer table's bits make it, live: the
// quantized layers' weights x their bits (a layer kept in float counts 32),
// in KB and as average bits per weight, against a budget given either way.
// Beside it the sensitivity actions (analyse and plan for this budget, apply
// the plan), which the window supplies.
#include <QWidget>

#include <cstdint>
#include <vector>

class LayerTableModel;
class QAction;
class QComboBox;
class QDoubleSpinBox;
class QHBoxLayout;
class QLabel;

class WeightBudget : public QWidget {
    Q_OBJECT
public:
    enum Unit { AverageBits, Kilobytes };

    explicit WeightBudget(LayerTableModel* layers, QWidget* parent = nullptr);

    // Sum of weight elements x bits over the layers (BITS 0 = float: 32 bits).
    static int64_t sizeBits(const LayerTableModel& layers);
    static int64_t weightCount(const LayerTableModel& layers);
    int64_t sizeBits() const;
    double sizeKilobytes() const { return double(sizeBits()) / 8.0 / 1024.0; }
    QString sizeText() const;

    void setBudget(double value, Unit unit);
    Unit unit() const;
    // The budget as average bits per weight (a KB budget converted over the model's weights).
    double averageBitsBudget() const;
    bool withinBudget() const;
    // Tool buttons for these actions after the budget (Analyse and plan, Apply plan).
    void addActions(const QList<QAction*>& actions);
    // A line under the budget about the plan for it ("" hides it).
    void setPlanText(const QString& text);
    QString planText() const;

signals:
    void budgetChanged();

private:
    void update();
    void unitChanged();

    LayerTableModel* layers_;
    QLabel* size_;
    QLabel* plan_;
    QDoubleSpinBox* budget_;
    QComboBox* unit_;
    QHBoxLayout* buttons_;
};
