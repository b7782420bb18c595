#pragma once
// Torch-side quantizer math, shared by RTN and (later) the AdaRound optimiser.
#include "adaround/quantizer.h"

#include <torch/torch.h>

namespace adaround {

struct TensorGrid {
    torch::Tensor scale;     // broadcastable to the weight: [C, 1, ...] or [1, ...]
    torch::Tensor zeroPoint; // same shape, integer-valued floats
    int bits = 8;
    bool symmetric = false;
    double qmax() const { return double((1 << bits) - 1); }
};

TensorGrid fitTensorGrid(const torch::Tensor& weight, const QuantSpec& spec);
torch::Tensor quantizeNearest(const torch::Tensor& weight, const TensorGrid& grid);
QuantGrid toQuantGrid(const TensorGrid& grid);
TensorGrid toTensorGrid(const QuantGrid& grid, const torch::Tensor& weight);

} // namespace adaround
