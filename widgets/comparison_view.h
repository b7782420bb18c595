#pragma once
// The runs of a comparison side by side, beside the dashboard's overlaid
// curves: each run's β schedule over a layer's iterations (every layer anneals
// alike, so runs of different lengths line up per layer), the final FP32 / RTN
// / AdaRound top-1 of every run as grouped bars, and the per-layer results
// diffed (LayerCompareModel). Runs are named by the settings that differ and
// drawn in a fixed qualitative palette; the first is the run shown.
#include "compared_run.h"

#include <QWidget>

#include <vector>

class QCustomPlot;
class QLabel;
class QTableView;
class LayerCompareModel;

class ComparisonView : public QWidget {
    Q_OBJECT
public:
    explicit ComparisonView(QWidget* parent = nullptr);

    void setRuns(const std::vector<ComparedRun>& runs);
    const std::vector<ComparedRun>& runs() const { return runs_; }
    // A line above the plots (e.g. "runs of different models"); empty hides it.
    void setWarning(const QString& text);
    QString warning() const;

    QStringList plotNames() const; // "beta", "finals"
    QCustomPlot* plot(const QString& name) const;
    LayerCompareModel* layerModel() const { return model_; }
    QTableView* table() const { return table_; }
    QLabel* legend() const { return legend_; }
    bool exportPlot(const QString& name, const QString& file, QString* error = nullptr);

    // A colour per run: the shown run's, then the dashboard's comparison colours in order.
    static QColor runColor(int index);

private:
    void drawBeta();
    void drawFinals();

    std::vector<ComparedRun> runs_;
    QLabel* legend_;
    QLabel* warning_;
    QCustomPlot* beta_;
    QCustomPlot* finals_;
    LayerCompareModel* model_;
    QTableView* table_;
};
