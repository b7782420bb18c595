#pragma once
// Progress of a live run from its events: the current step's share, the whole
// run's share and a steady ETA.
//
// The run's share counts work in iteration-equivalents fixed when the run
// starts, so the bar never runs backwards: each quantized layer its iterations
// plus its capture and metrics, the final evaluation its images (evaluationWork).
// Layers kept in float have no share (the run sends them no events), and
// RunFinished completes the bar whatever the plan.
//
// The ETA comes from rates measured on a clock that stops while paused: the
// optimisation loop's iteration rate (smoothed over the current layer, averaged
// over the finished ones for the layers to come, weighted by their iterations),
// the time outside the loop per layer, and for the final evaluation the
// decoding rate of the calibration images plus its forward passes in loop
// iterations (evaluationWork), then its own image rate once it runs. The shown value counts down between events and moves
// toward each new estimate gradually, so it does not jump as a layer starts.
#include "adaround/run_events.h"

#include <QString>
#include <functional>
#include <vector>

class RunProgress {
public:
    using Clock = std::function<double()>; // seconds on a monotonic clock; tests pass a fake one

    RunProgress(); // on the steady clock
    explicit RunProgress(Clock clock);

    // Feeds one event of the run to the handlers below; true when it was one of
    // theirs (the progress changed), false for the events progress ignores.
    bool apply(const adaround::RunEvent& event);
    void start(const adaround::RunStarted& e);
    void layerStarted(const adaround::LayerStarted& e);
    void iteration(const adaround::IterationStats& e);
    void layerFinished(const adaround::LayerFinished& e);
    void phase(const adaround::PhaseProgress& e);
    void finished(const adaround::RunFinished& e);
    // The run is held: its clock stops, so neither rates nor the ETA count the pause.
    void setPaused(bool paused);

    // Loading, capturing or evaluating (not optimising): the step and its share.
    bool inPhase() const { return inPhase_; }
    QString phaseText() const { return phaseText_; }
    double phaseFraction() const { return phaseFraction_; }
    bool inFinalEvaluation() const { return finalEval_ && !completed_; }

    int layerCount() const { return layerCount_; } // the model's layers, float ones included
    int currentLayer() const { return layer_; }
    int runningLayer() const { return layerOpen_ ? layer_ : -1; } // between LayerStarted and LayerFinished
    QString currentLayerName() const { return name_; }
    double layerFraction() const;   // 0..1 of the current layer
    double overallFraction() const; // 0..1 of the run
    int iterationsDone() const { return iterationsDone_; } // over all layers
    // Seconds left, or a negative value while there is too little to go on.
    double etaSeconds() const;
    static QString formatDuration(double seconds); // "1:05", "1:02:03"

    // The final evaluation's work in iteration-equivalents (optimisation steps
    // of one layer): each image passes through three models of `quantizedLayers`
    // layers, one step pushes `batchSize` images forward and back through one.
    static double evaluationWork(int64_t images, int quantizedLayers, int batchSize);

private:
    double now() const;     // the run's clock: paused time left out
    double rawEta() const;  // the estimate from the current rates, unsmoothed; < 0 if unknown
    double evaluationSeconds(double iterationRate) const; // the final evaluation, before it runs
    void updateEta();       // moves the shown ETA toward rawEta()
    double meanRate() const; // iterations per second over the loops so far
    int layersLeft() const; // quantized layers not finished

    Clock clock_;
    double pausedSince_ = -1, pausedTotal_ = 0;

    struct Planned {
        bool quantized = false; // bits > 0: the run sends its events
        int iterations = 0;     // 0 for RTN only
        double work = 0;
    };
    std::vector<Planned> plan_;
    int layerCount_ = 0, quantizedCount_ = 0, finishedCount_ = 0;
    double totalWork_ = 0, doneWork_ = 0, evalWork_ = 0, evalImages_ = 0;
    int futureIterations_ = 0; // of the optimised layers not started yet
    bool layerOpen_ = false;   // between its LayerStarted and LayerFinished
    int layer_ = -1, layerIterations_ = 1, layerIteration_ = 0, iterationsDone_ = 0, doneBefore_ = 0;
    QString name_;
    bool inPhase_ = false, finalEval_ = false, completed_ = false;
    QString phaseText_;
    double phaseFraction_ = 0;

    // Rates, on the run's clock.
    double startedAt_ = -1, firstLayerAt_ = -1;
    double lastStatsAt_ = -1;  // the current layer's last IterationStats
    int lastStatsIteration_ = 0;
    double layerRate_ = 0;     // smoothed iterations per second of the current layer
    int layerRateSamples_ = 0;
    double loopSeconds_ = 0, loopIterations_ = 0; // summed over measured loop spans
    double loadAt_ = -1;       // image loading before the run starts: the decoding rate
    int64_t loadDone_ = 0;
    double loadSeconds_ = 0, loadImages_ = 0;
    double evalStartedAt_ = -1, evalRate_ = 0;     // final evaluation: images per second
    int evalRateSamples_ = 0;
    double lastEvalAt_ = -1;
    int64_t lastEvalDone_ = 0, evalDone_ = 0, evalTotal_ = 0;

    double shownEta_ = -1, shownAt_ = 0; // the smoothed ETA and when it was set
};
