#pragma once
// The data side of the fused optimiser: dL_rec/dW~ by explicit GEMMs (im2col
// patches for convs), no autograd and no convolution backward kernels.
#include "adaround/layer_info.h"

#include <torch/torch.h>

#include <memory>

namespace adaround {

class RecGradient {
public:
    virtual ~RecGradient() = default;
    // dL_rec/dW~ for the soft weight (weight-shaped); *loss receives L_rec.
    virtual torch::Tensor gradient(const torch::Tensor& softWeight, double* loss) = 0;
};

// The paper's minibatch loss through the activation. Convs use LibTorch's
// convolution kernels, or im2col + GEMM if IM2COL_CONVS. Null if the layer's input
// layout is not supported (the autograd path then runs instead).
std::unique_ptr<RecGradient> makePaperGradient(const LayerInfo& info, const torch::Tensor& inputQ,
                                               const torch::Tensor& target, const torch::Tensor& bias,
                                               int64_t batchSize, uint64_t seed, bool im2colConvs);

// The second-moment form (see reconstruction_p.h).
std::unique_ptr<RecGradient> makeExactGradient(const LayerInfo& info, const torch::Tensor& inputFp,
                                               const torch::Tensor& inputQ, const torch::Tensor& weight);

} // namespace adaround
