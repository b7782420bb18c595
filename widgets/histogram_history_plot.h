#pragma once
// The current layer's h(V) histograms over its iterations as a heat map:
// x = iteration within the layer, y = h(V) bin, colour = share of weights on a
// log scale, so the collapse toward 0 and 1 shows at a glance. The map is
// sized once per layer from its iteration count and the snapshot interval;
// each snapshot fills one column, the columns exactly span [0, iterations].
// The colour scale can be linear instead; hover reads a cell (snapshot
// iteration, h(V) bin, share); the wheel zooms the iterations.
#include "adaround/run_events.h"

#include <qcustomplot.h>

#include <algorithm>

class HistogramHistoryPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit HistogramHistoryPlot(QWidget* parent = nullptr);

    void clearData();
    void setSnapshotInterval(int iterations) { interval_ = std::max(1, iterations); }
    void startLayer(const adaround::LayerStarted& e);
    void addSnapshot(const adaround::HistogramSnapshot& s);

    QCPColorMap* map() const { return map_; }
    QCPColorScale* colorScale() const { return scale_; }
    int snapshotsShown() const { return snapshots_; }
    int iterations() const { return iterations_; }
    int columnIteration(int column) const; // the snapshot iteration a column shows
    static QString logColourToggle();
    void setLogColour(bool on);

private:
    void resize(int bins);
    void fitColours();

    QCPColorMap* map_;
    QCPColorScale* scale_;
    QCPTextElement* title_;
    QString layerName_;
    int layer_ = -1;
    int iterations_ = 0;
    int interval_ = 200; // the run's snapshot interval
    int step_ = 200;     // the current layer's: at most its iteration count
    int snapshots_ = 0;
    bool logColour_ = true;
};
