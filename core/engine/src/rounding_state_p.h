#pragma once
// The weight side of AdaRound for one layer, without autograd: soft weights
// from V, the gradient chain back to V (clamps, rectified sigmoid, rounding
// regulariser) and Adam, each a single fused pass over raw float arrays. The
// data side (a GEMM or two) hands in dL/dW~.
#include "adaround/adaround_config.h"
#include "quant_ops_p.h"

#include <torch/torch.h>

namespace adaround {

class RoundingState {
public:
    // RELAXATION picks h(V) (rounding_relaxation.h); every variant has a fused
    // loop here. V starts where h(V) is the fractional part of W/s.
    RoundingState(const torch::Tensor& weight, const TensorGrid& grid, double learningRate,
                  Relaxation relaxation = Relaxation::RectifiedSigmoid);

    // W~ = s * (clip(floor(W/s) + h(V) + z, 0, 2^b - 1) - z), and the chain
    // factors for the next step(); the regulariser's gradient when REGULARISED
    // (only the rectified sigmoid has one). TEMPERATURE: sigmoid-temperature's T.
    const torch::Tensor& softWeight(bool regularised, double beta, double lambda, double temperature = 1.0);

    // One Adam step on V given dL_rec/dW~ (same shape as the weight).
    void step(const torch::Tensor& gradSoftWeight);

    torch::Tensor h() const;                            // current h(V) as the forward pass uses it
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
    Relaxation relaxation_;
    double temperature_ = 1.0;
};

} // namespace adaround
