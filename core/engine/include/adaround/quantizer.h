#pragma once
// Uniform weight quantizer: grid fitting (MSE range search) and round-to-nearest.
#include "adaround/host_tensor.h"
#include "adaround/quant_grid.h"

#include <cstdint>
#include <vector>

namespace adaround {

// Fits scale and zero-point per channel by searching clipping ratios of the
// weight range (1.00, 0.99, ... 0.20) for the lowest round-to-nearest MSE.
QuantGrid fitGrid(const HostTensor& weight, const QuantSpec& spec);

// s * (clip(round(W/s) + z, 0, 2^b - 1) - z)
HostTensor roundToNearest(const HostTensor& weight, const QuantGrid& grid);

} // namespace adaround
