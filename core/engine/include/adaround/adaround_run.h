#pragma once
// One AdaRound run: a config in, a stream of events out. Layers are processed in
// forward order over the BatchNorm-folded model; each layer's inputs are cached
// from the FP32 model (x) and from the model whose earlier layers are already
// quantized (x^, asymmetric reconstruction).
#include "adaround/adaround_config.h"
#include "adaround/quantizer.h"
#include "adaround/run_control.h"
#include "adaround/run_events.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace adaround {

class Model;

struct RunResult {
    RunEnd end = RunEnd::Failed;
    std::string error;                   // for Failed
    RunStarted started;
    bool hasStarted = false;             // false: cancelled or failed before RunStarted (while loading)
    std::vector<LayerFinished> layers;   // completed layers
    std::optional<SubsetBaseline> baseline; // with an eval subset, once measured
    std::vector<AccuracyPoint> progress;
    RunFinished final;                   // valid when Completed
    std::vector<QuantizedLayer> quantized;
};

class AdaRoundRun {
public:
    explicit AdaRoundRun(AdaRoundConfig config);
    ~AdaRoundRun();

    // Runs to completion, cancellation or failure. Never throws: a failure is
    // reported as a RunFailed event and in RunResult::error.
    RunResult run(RunObserver& observer, const RunControl& control);

    // The AdaRound-quantized model after run() (null before, or after a failure).
    Model* quantizedModel();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace adaround
