#pragma once
// Uniform weight quantizer: grid fitting (MSE range search) and round-to-nearest.
#include "adaround/host_tensor.h"

#include <vector>

namespace adaround {

struct QuantSpec {
    int bits = 8;            // 2..8
    bool perChannel = true;  // one grid per output channel (dim 0), else per tensor
    bool symmetric = false;  // symmetric: zero-point fixed at 2^(b-1)
};

struct QuantGrid {
    int bits = 8;
    bool symmetric = false;
    std::vector<float> scale;     // one per channel (or one)
    std::vector<float> zeroPoint; // integer-valued, in [0, 2^b - 1]

    float qmax() const { return float((1 << bits) - 1); }
};

void validateBits(int bits, const char* what = "bits"); // throws Error outside 2..8

// Fits scale and zero-point per channel by searching clipping ratios of the
// weight range (1.00, 0.99, ... 0.20) for the lowest round-to-nearest MSE.
QuantGrid fitGrid(const HostTensor& weight, const QuantSpec& spec);

// s * (clip(round(W/s) + z, 0, 2^b - 1) - z)
HostTensor roundToNearest(const HostTensor& weight, const QuantGrid& grid);

} // namespace adaround
