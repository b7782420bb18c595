#pragma once
// Round-to-nearest quantization of a model's layers.
#include "adaround/quantizer.h"

#include <vector>

namespace adaround {

class Model;

// Replaces every layer's weight with its RTN value at bits[i] (0 = leave in float).
// Returns the fitted grids (empty scale for float layers).
std::vector<QuantGrid> applyRoundToNearest(Model& model, const std::vector<int>& bits,
                                           const QuantSpec& spec);

} // namespace adaround
