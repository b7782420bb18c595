#pragma once
// Progress of a live run from its events: the current layer's share, the whole
// run's share (weighted by the iterations each layer will run) and an ETA
// extrapolated from the elapsed time.
#include "adaround/run_events.h"

#include <QElapsedTimer>
#include <QString>
#include <vector>

class RunProgress {
public:
    // Feeds one event of the run to the four below; true when it was one of
    // theirs (the progress changed), false for the events progress ignores.
    bool apply(const adaround::RunEvent& event);
    void start(const adaround::RunStarted& e);
    void layerStarted(const adaround::LayerStarted& e);
    void iteration(const adaround::IterationStats& e);
    void layerFinished(const adaround::LayerFinished& e);
    void phase(const adaround::PhaseProgress& e);

    // Loading, capturing or evaluating (not optimising): the step and its share.
    bool inPhase() const { return inPhase_; }
    QString phaseText() const { return phaseText_; }
    double phaseFraction() const { return phaseFraction_; }

    int layerCount() const { return int(work_.size()); }
    int currentLayer() const { return layer_; }
    QString currentLayerName() const { return name_; }
    double layerFraction() const;   // 0..1 of the current layer
    double overallFraction() const; // 0..1 of the run
    int iterationsDone() const { return iterationsDone_; } // over all layers
    // Seconds left, or a negative value while there is too little to go on.
    double etaSeconds() const;
    static QString formatDuration(double seconds); // "1:05", "1:02:03"

private:
    std::vector<double> work_; // per layer: its iterations (RTN-only and float layers: a token amount)
    double totalWork_ = 0, doneWork_ = 0;
    bool layerOpen_ = false; // between its LayerStarted and LayerFinished
    int layer_ = -1, layerIterations_ = 1, layerIteration_ = 0, iterationsDone_ = 0, doneBefore_ = 0;
    QString name_;
    bool inPhase_ = false;
    QString phaseText_;
    double phaseFraction_ = 0;
    QElapsedTimer clock_;
};
