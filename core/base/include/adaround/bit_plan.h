#pragma once
// Which bit-width each layer gets: a default, first/last layer override, and
// per-layer overrides by name (0 = keep the layer in float).
#include "adaround/layer_info.h"

#include <string>
#include <utility>
#include <vector>

namespace adaround {

struct BitPlan {
    int defaultBits = 4;
    int firstLastBits = 8; // 0 = same as defaultBits
    std::vector<std::pair<std::string, int>> overrides; // name -> bits (0 = float)
};

// Bits per layer in model order; throws Error for bits outside 2..8 or an unknown
// layer name (listing the valid names).
std::vector<int> resolveBits(const std::vector<LayerInfo>& layers, const BitPlan& plan);

} // namespace adaround
