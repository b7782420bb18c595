#pragma once
// The run's own listener: forwards every event and fills the RunResult that
// AdaRoundRun::run returns (start, weights, layers, curve, end).
#include "adaround/adaround_run.h"
#include "adaround/overloaded.h"
#include "adaround/run_events.h"

namespace adaround {

// Forwards every event to the caller's observer and keeps what the result needs.
class ResultRecorder : public RunObserver {
public:
    ResultRecorder(RunObserver& next, RunResult& result) : next_(next), result_(result) {}
    void onEvent(const RunEvent& event) override
    {
        RunResult& r = result_;
        std::visit(overloaded{[&](const RunStarted& e) {
                                  r.started = e;
                                  r.hasStarted = true;
                              },
                              [&](const QuantizedLayer& e) { r.quantized.push_back(e); },
                              [&](const LayerFinished& e) { r.layers.push_back(e); },
                              [&](const SubsetBaseline& e) { r.baseline = e; },
                              [&](const AccuracyPoint& e) { r.progress.push_back(e); },
                              [&](const RunFinished& e) {
                                  r.end = RunEnd::Completed;
                                  r.final = e;
                                  noteEvaluated(r.started, e);
                                  r.final.skippedEval.clear(); // kept once, in started
                              },
                              [&](const RunCancelled&) { r.end = RunEnd::Cancelled; },
                              [&](const RunFailed& e) {
                                  r.end = RunEnd::Failed;
                                  r.error = e.error;
                              },
                              [](const auto&) {}},
                   event);
        next_.onEvent(event);
    }

private:
    RunObserver& next_;
    RunResult& result_;
};

} // namespace adaround
