#pragma once
// The vocabulary of a uniform quantizer: its settings, a fitted weight grid, an
// activation grid. The fitting and rounding themselves live in quantizer.h.
#include <cstdint>
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

// A per-tensor activation quantizer on a layer's input (asymmetric, zero
// exactly representable): x -> s * (clip(round(x/s) + z, 0, 2^b - 1) - z).
struct ActivationGrid {
    int layer = -1;  // the layer whose input it quantizes
    int bits = 8;
    double scale = 1.0;
    int64_t zeroPoint = 0;

    double min() const { return -double(zeroPoint) * scale; }
    double max() const { return double((int64_t(1) << bits) - 1 - zeroPoint) * scale; }
};

void validateBits(int bits, const char* what = "bits"); // throws Error outside 2..8

} // namespace adaround
