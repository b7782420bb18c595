#pragma once
// Activation quantization: per-tensor, MSE-calibrated grids for the inputs of
// quantized layers, inserted into a model's prepared graph as fake-quant ops.
#include "adaround/quantizer.h"
#include "model_impl_p.h"

#include <torch/torch.h>

namespace adaround {

// Searches clipping ratios of [min(x, 0), max(x, 0)] (1.00, 0.99, ... 0.20) for
// the lowest fake-quant MSE on the values (a seeded sample of at most 2^18 of
// them: the optimum is flat, the full tensor can be hundreds of MB).
ActivationGrid fitActivationGrid(const torch::Tensor& values, int bits, uint64_t seed);

// Calibrates one grid per layer in `layers` on the FP32 inputs the layer sees
// for `images`.
std::vector<ActivationGrid> calibrateActivations(ModelImpl& fp, const std::vector<int>& layers,
                                                 const torch::Tensor& images, int bits, uint64_t seed);

} // namespace adaround
