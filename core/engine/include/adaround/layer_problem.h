#pragma once
// AdaRound on one layer given its data, without a model: for tests, teaching
// examples and the side-by-side benchmark against the Python reference.
#include "adaround/adaround_config.h"
#include "adaround/host_tensor.h"
#include "adaround/layer_info.h"
#include "adaround/quantizer.h"
#include "adaround/run_control.h"
#include "adaround/run_events.h"

namespace adaround {

struct LayerProblem {
    LayerInfo info;      // kind, conv geometry, activation
    HostTensor weight;   // FP32
    HostTensor bias;     // empty shape = none
    HostTensor inputFp;  // x: the layer's input in the FP32 model, [N, ...]
    HostTensor inputQ;   // x^: its input in the partly quantized model (may equal inputFp)
    QuantGrid grid;      // e.g. from fitGrid()
};

struct LayerSolution {
    HostTensor weight;         // the chosen (hard) quantized weight
    HostTensor rtnWeight;      // round-to-nearest on the same grid, for comparison
    LayerFinished summary;
    bool cancelled = false;
};

// Uses config's optimisation knobs (iterations, batch, lr, lambda, beta, warm-up,
// schedule, seed, intervals). Throws Error on inconsistent shapes or settings.
LayerSolution solveLayer(const LayerProblem& problem, const AdaRoundConfig& config, RunObserver* observer = nullptr,
                         const RunControl* control = nullptr);

} // namespace adaround
