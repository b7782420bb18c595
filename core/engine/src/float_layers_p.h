#pragma once
// The modules of a model that hold weights but are not among its quantizable
// layers: they stay in float, and a run says so instead of presenting the whole
// model as quantized.
#include "adaround/layer_info.h"

#include <torch/script.h>

#include <vector>

namespace adaround {

// In module order. Normalisation layers (BatchNorm, LayerNorm, ...) are not
// listed: AdaRound never quantizes them, and those after a conv are folded.
std::vector<FloatLayer> findFloatLayers(const torch::jit::Module& module, const std::vector<LayerInfo>& layers);

} // namespace adaround
