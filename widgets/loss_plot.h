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
//
// Interaction (PlotInteraction): hover readout naming the layer, x zoom and pan,
// legend toggles (a series' finished layers follow its legend entry), log or
// linear loss axis, EMA smoothing, a click picks the layer under it (selected
// layers are shaded), and a per-layer mode: one layer at a time, x = iteration
// within it, compared runs aligned on the same layer.
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
    bool has(int layer) const { return offsets_.count(layer) > 0; }

private:
    std::map<int, double> offsets_;
    double end_ = 0;
};

class PlotInteraction;

class LossPlot : public QCustomPlot {
    Q_OBJECT
public:
    enum Series { Rec, Round, Total, Beta, SeriesCount };
    // The context-menu toggles, by their text (PlotInteraction::setToggled).
    static QString logAxisToggle();
    static QString smoothingToggle();
    static QString perLayerToggle();

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

    // The layer shown as selected (shaded; the one per-layer mode shows); -1: none.
    void selectLayer(int layer);
    int selectedLayer() const { return selected_; }
    int layerAt(double x) const; // the optimised layer whose iterations cover x, else -1
    QRectF layerPixels(int layer) const; // its span in widget pixels (after a replot)
    void setPerLayer(bool on);
    bool perLayer() const { return perLayer_; }
    void setSmoothing(bool on);
    void setLogAxis(bool on);
    std::vector<QCPItemText*> layerLabels() const; // one per optimised layer, shown or not
    PlotInteraction* interaction() const { return interaction_; }

signals:
    void layerClicked(int layer);

private:
    struct Span {
        int layer;
        QString name;
        double start;
        int iterations;
    };
    struct Comparison {
        QCPGraph* rec;
        QCPGraph* total;
        GlobalIterations x;
        std::vector<adaround::IterationStats> stats;
    };
    const Span* span(int layer) const;
    QString keyText(double x) const;
    void fillComparison(Comparison& c);
    void rebuildMain();
    void appendMain(const adaround::IterationStats& e);
    QCPRange xRange() const;
    QCPRange shownLossRange() const; // positive losses of the layer per-layer mode shows
    void setupInteraction();
    void applyVisibility();
    struct Boundary {
        QCPItemStraightLine* line;
        QCPItemText* label;
        double x;
        QString name; // in full; the label elides it to the plot's height
    };
    static double positiveOrGap(double v); // a log axis shows zero as a gap
    void include(double loss);
    void rescanLosses();
    void retireLiveLayer();
    bool placeLabels();

    std::array<QCPGraph*, SeriesCount> live_{};
    std::vector<std::array<QCPGraph*, SeriesCount>> past_; // one set per finished layer
    QCPLayer* liveLayer_;
    QCPTextElement* title_;
    std::vector<QCPGraph*> comparisons_;
    std::vector<Comparison> compared_;
    std::vector<Boundary> boundaries_;
    std::vector<Span> spans_;                 // optimised layers, in run order
    std::vector<int> pastLayers_;             // the layer of each past_ set
    std::vector<adaround::IterationStats> stats_; // the main run's, as they came (smoothing rebuilds from them)
    std::array<double, 3> ema_{};             // the smoothed Rec, Round, Total of the current layer
    int emaLayer_ = -1;
    int selected_ = -1;
    bool perLayer_ = false;
    bool smoothing_ = false;
    bool logAxis_ = true;
    QCPItemRect* highlight_ = nullptr;
    QSharedPointer<QCPAxisTicker> runTicker_;
    PlotInteraction* interaction_ = nullptr;
    GlobalIterations x_;
    double plannedIterations_ = 0; // the x range a run will fill
    double comparisonIterations_ = 0;
    double lossMin_ = 0, lossMax_ = 0; // positive losses seen, for the log axis
    double betaMax_ = 0;
    bool everythingChanged_ = true;    // more than the live curves need drawing
    bool rangeStale_ = true;           // losses went away: fit the axis again
};
