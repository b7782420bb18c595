#pragma once
// What each reconstruction objective costs on one layer, and the choice of
// `--objective auto`: the exact second-moment form where it is exact (no
// activation follows the layer) and cheaper over the whole layer, its one-off
// moment computation included; the paper's minibatch objective elsewhere.
// A fixed model of the fused kernels (FLOPs, bytes moved, per-step overhead),
// not a measurement, so the choice is the same on every machine and every run.
// bench/bench_objective_cost prints it beside measured times.
#include "adaround/adaround_config.h"
#include "adaround/layer_info.h"

#include <cstdint>
#include <vector>

namespace adaround {

// The sizes the objectives' costs depend on.
struct LayerWork {
    bool convolution = false;  // convolution kernels for the minibatch, else GEMMs
    int64_t samples = 0;       // N: calibration inputs
    int64_t positions = 1;     // P: output positions per sample (1 for a linear layer on vectors)
    int64_t outChannels = 0;   // out
    int64_t patch = 0;         // d: weights per output channel (in/groups * kh * kw)
    int64_t groups = 1;
    int64_t inputPerSample = 0; // elements of one sample's input
};

// From the layer and the shape of its cached input, [N, C, H, W] or [N, ..., in].
LayerWork layerWork(const LayerInfo& info, const std::vector<int64_t>& inputShape);

struct ObjectiveCost {
    double paperStep = 0;    // seconds per iteration: a minibatch forward + weight backward
    double exactMoments = 0; // seconds, once: E[xq xq^T], E[xq x^T], E[x x^T] over N x P patches
    double exactStep = 0;    // seconds per iteration: the quadratic form and its gradient
    int iterations = 0;

    double paper() const { return paperStep * iterations; }
    double exact() const { return exactMoments + exactStep * iterations; }
};

ObjectiveCost objectiveCost(const LayerWork& work, int iterations, int batchSize);

// The objective a layer runs with: config.objective, or for Auto the exact form
// where no activation follows and it is predicted cheaper. Never Auto.
Objective chooseObjective(const LayerInfo& info, const LayerWork& work, const AdaRoundConfig& config);

} // namespace adaround
