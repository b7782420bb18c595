#pragma once
// Reconstruction loss, rounding loss and total over the whole run on one
// iteration axis (layers follow each other), log scale; beta on the right axis;
// each layer's start marked by a labelled vertical line. Comparison runs add
// their rec and total losses, dashed, in their own colours.
//
// Redraw cost stays flat as a run grows: the current layer's curves live on a
// buffered layer of their own and are all that is redrawn per update; a
// finished layer's curves move (O(1), by sharing the data container) to
// graphs on the main layer, redrawn only when the axes change or a layer starts.
#include "adaround/run_record.h"

#include <qcustomplot.h>

#include <array>
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
    enum Series { Rec, Round, Total, Beta, SeriesCount };

    explicit LossPlot(QWidget* parent = nullptr);

    void reset(const adaround::RunStarted& run); // a new main run
    void clearRun();                             // no main run at all
    void layerStarted(const adaround::LayerStarted& e);
    void addStats(const adaround::IterationStats& e);

    void addComparison(const adaround::RunRecord& r, const QString& label, const QColor& color);
    void clearComparisons();

    // Draws what changed since the last call: the current layer's curves
    // alone when the axes and earlier layers are as they were, else everything.
    void redraw();

    // One series over the whole run (all layers, in order).
    std::vector<QCPGraphData> points(Series s) const;
    QCPGraph* liveGraph(Series s) const { return live_[s]; } // the current layer; the legend's entry
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
    void retireLiveLayer();
    bool placeLabels();

    std::array<QCPGraph*, SeriesCount> live_{};
    std::vector<std::array<QCPGraph*, SeriesCount>> past_; // one set per finished layer
    QCPLayer* liveLayer_;
    QCPTextElement* title_;
    std::vector<QCPGraph*> comparisons_;
    std::vector<Boundary> boundaries_;
    GlobalIterations x_;
    double plannedIterations_ = 0; // the x range a run will fill
    double comparisonIterations_ = 0;
    double lossMin_ = 0, lossMax_ = 0; // positive losses seen, for the log axis
    double betaMax_ = 0;
    bool everythingChanged_ = true;    // more than the live curves need drawing
    bool rangeStale_ = true;           // losses went away: fit the axis again
};
