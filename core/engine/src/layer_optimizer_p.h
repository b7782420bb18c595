#pragma once
// AdaRound for one layer: learn the rounding of each weight (up or down) so the
// layer's output on the quantized model's input x^ matches the FP32 layer's
// output on x, through the activation that follows.
#include "adaround/adaround_config.h"
#include "adaround/run_control.h"
#include "adaround/run_events.h"
#include "quant_ops_p.h"

#include <torch/torch.h>

namespace adaround {

struct LayerTask {
    int index = 0;
    const LayerInfo* info = nullptr;
    torch::Tensor weight;   // FP32 (BatchNorm folded)
    torch::Tensor bias;     // may be undefined
    TensorGrid grid;
    torch::Tensor inputFp;  // x, [N, ...]
    torch::Tensor inputQ;   // x^, [N, ...]
};

struct LayerResult {
    torch::Tensor weight;     // the chosen quantized weight (dequantized values)
    torch::Tensor codes;      // its integer codes in [0, 2^b - 1]
    torch::Tensor roundedUp;  // uint8: 1 where rounded up from floor(W/s)
    torch::Tensor fraction;   // float: W/s - floor(W/s), in [0, 1)
    LayerFinished summary;
    bool cancelled = false;
};

// The layer as a function, activation included.
torch::Tensor layerForward(const LayerInfo& info, const torch::Tensor& x, const torch::Tensor& w,
                           const torch::Tensor& b);

// Per-element MSE of the layer's output with weight W against TARGET (f_a of the
// FP32 layer on the same images), over all images in chunks.
double outputMse(const LayerInfo& info, const torch::Tensor& x, const torch::Tensor& target, const torch::Tensor& w,
                 const torch::Tensor& b);

// Rectified sigmoid of the paper: clip(sigmoid(V)(zeta - gamma) + gamma, 0, 1).
torch::Tensor rectifiedSigmoid(const torch::Tensor& v);

LayerResult optimiseLayer(const LayerTask& task, const AdaRoundConfig& config, RunObserver& observer,
                          const RunControl& control);

} // namespace adaround
