#pragma once
// The output error of a layer kept at round-to-nearest by configuration, as the
// optimiser measures recMseRtn for the layers it optimises.
#include "adaround/layer_info.h"

#include <torch/torch.h>

namespace adaround {

// Per-element MSE of f(X_Q; W_RTN, B) against the FP32 layer's f(X_FP; W, B),
// activation included, over all images (in chunks).
double rtnOutputMse(const LayerInfo& info, const torch::Tensor& xFp, const torch::Tensor& xQ, const torch::Tensor& w,
                    const torch::Tensor& wRtn, const torch::Tensor& bias);

} // namespace adaround
