#pragma once
// The reconstruction term of the AdaRound loss, in two forms:
//   paper:  a minibatch of cached inputs each step, through the activation,
//           ||f_a(W x + b) - f_a(W~ x^ + b)||^2 summed over channels and
//           averaged over batch and positions;
//   exact:  the same pre-activation error over the whole calibration set as a
//           quadratic form in W~ from the input second moments
//           E[xq xq^T], E[xq x^T], E[x x^T] (xq = x^; im2col patches, per group), so a step costs
//           O(out * d^2) whatever the data size. Exact where the layer has no
//           activation; elsewhere it drops f_a.
#include "adaround/layer_info.h"

#include <torch/torch.h>

#include <memory>

namespace adaround {

class Reconstruction {
public:
    virtual ~Reconstruction() = default;
    virtual torch::Tensor loss(const torch::Tensor& softWeight) = 0;
};

// Samples minibatches with its own seeded sampler.
std::unique_ptr<Reconstruction> makePaperReconstruction(const LayerInfo& info, const torch::Tensor& inputQ,
                                                        const torch::Tensor& target, const torch::Tensor& bias,
                                                        int64_t batchSize, uint64_t seed);

// E[xq xq^T] per group (a), the fixed cross-term partner W E[xq x^T]^T, and the
// constant W E[x x^T] W^T of the exact objective.
struct SecondMoments {
    int64_t groups = 1;
    torch::Tensor a;            // [groups, d, d]
    torch::Tensor crossPartner; // [groups, out/groups, d]
    double constant = 0;

    // [out, in/groups, kh, kw] or [out, in] -> [groups, out/groups, d]
    torch::Tensor grouped(const torch::Tensor& w) const { return w.reshape({groups, w.size(0) / groups, -1}); }
};

SecondMoments secondMoments(const LayerInfo& info, const torch::Tensor& inputFp, const torch::Tensor& inputQ,
                            const torch::Tensor& weight);

std::unique_ptr<Reconstruction> makeExactReconstruction(const LayerInfo& info, const torch::Tensor& inputFp,
                                                        const torch::Tensor& inputQ, const torch::Tensor& weight);

} // namespace adaround
