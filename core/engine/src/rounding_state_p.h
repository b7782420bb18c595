#pragma once
// The weight side of AdaRound for one layer, without autograd: soft weights
// from V, the gradient chain back to V (clamps, rectified sigmoid, rounding
// regulariser) and Adam, each a single fused pass over raw float arrays. The
// data side (a GEMM or two) hands in dL/dW~.
#include "quant_ops_p.h"

#include <torch/torch.h>

namespace adaround {

class RoundingState {
public:
    RoundingState(const torch::Tensor& weight, const TensorGrid& grid, double learningRate);

    // W~ = s * (clip(floor(W/s) + h(V) + z, 0, 2^b - 1) - z), and the chain
    // factors for the next step(); the regulariser's gradient when REGULARISED.
    const torch::Tensor& softWeight(bool regularised, double beta, double lambda);

    // One Adam step on V given dL_rec/dW~ (same shape as the weight).
    void step(const torch::Tensor& gradSoftWeight);

    torch::Tensor h() const;                            // current h(V)
    double roundingLoss(double beta, double lambda) const; // lambda * sum(1 - |2h - 1|^beta)
    torch::Tensor v() const { return v_; }

private:
    int64_t n_;
    double lr_;
    int64_t t_ = 0;
    torch::Tensor scale_, zero_, floor_; // per element
    torch::Tensor v_, m1_, m2_;          // V and Adam moments
    torch::Tensor soft_;                 // W~
    torch::Tensor chain_;                // dW~/dV
    torch::Tensor regGrad_;              // d(regulariser)/dV, zero when off
    torch::Tensor sig_, dhdv_, u_, pow_; // scratch: sigmoid(V), dh/dV, 2h - 1, |2h - 1|^(beta - 1)
    float qmax_;
};

} // namespace adaround
