#pragma once
// A whole run as data: every event it sent, in order per kind. A live run fills
// one through RunRecorder; the run-log reader fills one from a file; replay()
// sends a record's events to an observer as the live run did, so the GUI shows
// stored and live runs with the same views.
#include "adaround/run_events.h"

#include <optional>
#include <string>
#include <vector>

namespace adaround {

struct RunRecord {
    RunStarted started;
    std::vector<LayerStarted> layerStarts;
    std::vector<IterationStats> iterations;    // all layers, in emission order
    std::vector<HistogramSnapshot> histograms; // all layers, in emission order
    std::vector<WeightSample> samples;         // all layers, in emission order (none in logs before them)
    std::vector<QuantizedLayer> weights;
    std::vector<LayerFinished> layers;
    std::optional<SubsetBaseline> baseline;   // unset: no eval subset, or a log written before it was measured
    std::vector<AccuracyPoint> progress;
    std::optional<RunFinished> finished;       // set when the run completed
    std::optional<RunEnd> end;                 // unset: the run never ended (still going, or killed)
    std::string error;                         // for RunEnd::Failed
    int layersDone = 0;                        // layers finished (also for cancelled runs)
    bool hasStarted = false;
};

// Collects the events of a run into a RunRecord.
class RunRecorder : public RunObserver {
public:
    const RunRecord& record() const { return record_; }
    RunRecord take() { return std::move(record_); }

    void onEvent(const RunEvent& event) override;

private:
    RunRecord record_;
};

// Sends the record's events in the order a live run sends them: run started;
// the subset baseline and the accuracy point at 0 layers; per layer: layer started, its iteration statistics and histograms interleaved
// by iteration (each histogram followed by the weight samples of its iteration), its weights, layer finished, its accuracy point; then the end
// (only the end for a run cancelled or failed before it started).
// Each event is copied once from the record into the RunEvent sent.
void replay(const RunRecord& record, RunObserver& observer);

} // namespace adaround
