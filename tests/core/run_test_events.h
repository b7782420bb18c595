#pragma once
// The demo run configuration and an observer that counts a run's events, for
// the AdaRound run tests (adaround_run_test, adaround_run_phases_test).
#include "adaround/adaround_run.h"
#include "adaround/overloaded.h"
#include "test_support.h"

#include <map>
#include <string>

namespace runtest {

using namespace adaround;
using namespace testsupport;

inline AdaRoundConfig demoConfig(const std::string& model, int bits, int iterations)
{
    AdaRoundConfig c;
    c.modelPath = demoModel(model);
    c.calibDir = calibDir();
    c.evalDir = smallEvalDir();
    c.bits = {bits, 8, {}};
    c.iterations = iterations;
    c.evalSubset = 200;
    c.threads = 2;
    return c;
}

struct EventLog : RunObserver {
    int started = 0, layerStarts = 0, iterations = 0, histograms = 0, layerEnds = 0, accuracies = 0, finished = 0;
    int baselines = 0;
    std::vector<WeightSample> samples;
    int cancelled = -1;
    std::string failed;
    std::map<RunPhase, int> phases; // PhaseProgress events per phase
    RunPhase cancelInPhase = RunPhase::Optimising; // with control: cancel at the first event of this phase...
    bool cancelOnPhase = false;                    // ...when set
    int cancelAfterLayers = -1;
    RunControl* control = nullptr;
    void onEvent(const RunEvent& event) override
    {
        std::visit(overloaded{[&](const RunStarted&) { ++started; },
                              [&](const LayerStarted&) { ++layerStarts; },
                              [&](const IterationStats&) { ++iterations; },
                              [&](const HistogramSnapshot&) { ++histograms; },
                              [&](const QuantizedLayer&) {},
                              [&](const WeightSample& e) { samples.push_back(e); },
                              [&](const LayerFinished&) {
                                  if (++layerEnds == cancelAfterLayers && control)
                                      control->cancel();
                              },
                              [&](const SubsetBaseline&) { ++baselines; },
                              [&](const AccuracyPoint&) { ++accuracies; },
                              [&](const RunFinished&) { ++finished; },
                              [&](const RunCancelled& e) { cancelled = e.layersDone; },
                              [&](const RunFailed& e) { failed = e.error; },
                              [&](const PhaseProgress& e) {
                                  ++phases[e.phase];
                                  if (cancelOnPhase && control && e.phase == cancelInPhase && layerEnds >= cancelAfterLayers)
                                      control->cancel();
                              }},
                   event);
    }
};

inline RunResult runDemo(const AdaRoundConfig& c, EventLog& log)
{
    RunControl control;
    log.control = &control;
    AdaRoundRun run(c);
    return run.run(log, control);
}

} // namespace runtest
