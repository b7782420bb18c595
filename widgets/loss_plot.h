#pragma once
// Reconstruction loss, rounding loss and total over the whole run on one
// iteration axis (layers follow each other), log scale; beta on the right axis;
// each layer's start marked by a labelled vertical line. Comparison runs add
// their rec and total losses, dashed, in their own colours.
#include "adaround/run_record.h"

#include <qcustomplot.h>

#include <map>
#include <vector>

// Maps (layer, iteration within layer) to one run-wide iteration axis.
class GlobalIterations {
public:
    void clear();
    // Returns the run-wide iteration at which the layer starts.
    double startLayer(int layer, int iterations);
    double at(int layer, int iteration) const;

private:
    std::map<int, double> offsets_;
    double end_ = 0;
};

class LossPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit LossPlot(QWidget* parent = nullptr);

    void reset(const adaround::RunStarted& run); // a new main run
    void clearRun();                             // no main run at all
    void layerStarted(const adaround::LayerStarted& e);
    void addStats(const adaround::IterationStats& e);

    void addComparison(const adaround::RunRecord& r, const QString& label, const QColor& color);
    void clearComparisons();

    // Applies ranges and label placement after data changed; call before replot.
    void refresh();

    QCPGraph* recGraph() const { return rec_; }
    QCPGraph* roundGraph() const { return round_; }
    QCPGraph* totalGraph() const { return total_; }
    QCPGraph* betaGraph() const { return beta_; }
    int layerBoundaryCount() const { return int(boundaries_.size()); }
    const std::vector<QCPGraph*>& comparisonGraphs() const { return comparisons_; }

private:
    struct Boundary {
        QCPItemStraightLine* line;
        QCPItemText* label;
        double x;
    };
    void include(double loss);
    void rescanLosses();
    void placeLabels();

    QCPGraph* rec_;
    QCPGraph* round_;
    QCPGraph* total_;
    QCPGraph* beta_;
    QCPTextElement* title_;
    std::vector<QCPGraph*> comparisons_;
    std::vector<Boundary> boundaries_;
    GlobalIterations x_;
    double plannedIterations_ = 0; // the x range a run will fill
    double comparisonIterations_ = 0;
    double lossMin_ = 0, lossMax_ = 0; // positive losses seen, for the log axis
    double betaMax_ = 0;
};
