#include "rec_gradient_p.h"

#include "batch_sampler_p.h"
#include "reconstruction_p.h"

#include <ATen/Parallel.h>

namespace adaround {
namespace {

#define ADAROUND_SIMD __attribute__((target_clones("avx512f", "avx2", "default")))

// In place over [begin, end): p <- scale * (f_a(p) - t) * f_a'(p); returns sum (f_a(p) - t)^2.
ADAROUND_SIMD static float activationGradientLoop(int64_t begin, int64_t end, float* __restrict p,
                                                  const float* __restrict t, int act, float scale)
{
    float acc = 0.f;
    for (int64_t i = begin; i < end; ++i) {
        const float x = p[i];
        float y = x, pass = 1.f;
        if (act >= 1) {
            y = x > 0.f ? x : 0.f;
            pass = x > 0.f ? 1.f : 0.f;
        }
        if (act == 2) {
            y = y < 6.f ? y : 6.f;
            pass = x < 6.f ? pass : 0.f;
        }
        const float d = y - t[i];
        acc += d * d;
        p[i] = scale * d * pass;
    }
    return acc;
}

double activationGradient(torch::Tensor& pre, const torch::Tensor& target, Activation act, float scale)
{
    float* p = pre.data_ptr<float>();
    const float* t = target.data_ptr<float>();
    const int act_ = act == Activation::None ? 0 : (act == Activation::ReLU ? 1 : 2);
    // Blocks of 4096 keep the float partial sums accurate; their total is in double.
    return at::parallel_reduce(
        0, pre.numel(), 16384, 0.0,
        [&](int64_t begin, int64_t end, double acc) {
            for (int64_t b = begin; b < end; b += 4096)
                acc += activationGradientLoop(b, std::min(end, b + 4096), p, t, act_, scale);
            return acc;
        },
        std::plus<double>());
}

// A minibatch per step. Linear layers by GEMM; convs through LibTorch's
// convolution kernels (oneDNN where available: the forward, then
// convolution_backward for the weight only), which do not depend on how well the
// BLAS build is tuned for this processor, or by im2col + GEMM.
class PaperGradient : public RecGradient {
public:
    PaperGradient(const LayerInfo& info, torch::Tensor inputQ, torch::Tensor target, torch::Tensor bias,
                  int64_t batch, uint64_t seed, bool im2col)
        : info_(info), inputQ_(std::move(inputQ)), target_(std::move(target)), batch_(batch), im2col_(im2col),
          sampler_(inputQ_.size(0), seed)
    {
        convBias_ = bias;
        groups_ = info.kind == LayerKind::Linear ? 1 : info.groups;
        const int64_t out = info.weightShape[0];
        if (bias.defined())
            bias_ = info.kind == LayerKind::Linear ? bias.view({1, out}) : bias.view({1, groups_, out / groups_, 1});
    }

    torch::Tensor gradient(const torch::Tensor& w, double* loss) override
    {
        const torch::Tensor idx = sampler_.next(batch_);
        const torch::Tensor x = inputQ_.index_select(0, idx);
        const torch::Tensor t = target_.index_select(0, idx);
        if (info_.kind == LayerKind::Linear) {
            torch::Tensor pre = bias_.defined() ? torch::addmm(bias_, x, w.t()) : torch::mm(x, w.t());
            *loss = activationGradient(pre, t, info_.activation, 2.0f / float(batch_)) / double(batch_);
            return torch::mm(pre.t(), x); // [out, in]
        }
        if (!im2col_) {
            torch::Tensor pre =
                torch::conv2d(x, w, convBias_, info_.stride, info_.padding, info_.dilation, info_.groups).contiguous();
            const int64_t positions = pre.size(2) * pre.size(3);
            *loss = activationGradient(pre, t.contiguous(), info_.activation, 2.0f / float(batch_ * positions)) /
                    double(batch_ * positions);
            const std::vector<int64_t> noPadding(info_.padding.size(), 0);
            return std::get<1>(at::convolution_backward(pre, x, w, c10::nullopt, info_.stride, info_.padding,
                                                        info_.dilation, false, noPadding, info_.groups,
                                                        {false, true, false}));
        }
        namespace F = torch::nn::functional;
        const auto& ws = info_.weightShape;
        const torch::Tensor cols = F::unfold(
            x, F::UnfoldFuncOptions({ws[2], ws[3]}).dilation(info_.dilation).padding(info_.padding).stride(info_.stride));
        const int64_t positions = cols.size(2);
        const int64_t og = ws[0] / groups_;
        const float scale = 2.0f / float(batch_ * positions);
        torch::Tensor grad;
        if (groups_ == 1) {
            // [out, d] x [B, d, L] -> [B, out, L]: B GEMMs, then dL/dW = sum_b G_b X_b^T.
            const torch::Tensor w2 = w.reshape({ws[0], -1});
            torch::Tensor pre = torch::matmul(w2, cols);
            if (bias_.defined())
                pre.add_(bias_.view({1, ws[0], 1}));
            *loss = activationGradient(pre, t.reshape({batch_, ws[0], positions}).contiguous(), info_.activation,
                                       scale) / double(batch_ * positions);
            grad = torch::matmul(pre, cols.transpose(1, 2)).sum(0);
        } else {
            const torch::Tensor xg = cols.view({batch_, groups_, -1, positions}); // [B, G, d, L]
            const torch::Tensor wg = w.reshape({groups_, og, -1});                // [G, og, d]
            torch::Tensor pre;
            if (og == 1) // depthwise: a weighted sum per channel, no GEMM needed
                pre = (xg * wg.view({1, groups_, -1, 1})).sum(2, true);
            else
                pre = torch::matmul(wg, xg);
            pre = pre.contiguous();
            if (bias_.defined())
                pre.add_(bias_);
            *loss = activationGradient(pre, t.reshape({batch_, groups_, og, positions}).contiguous(),
                                       info_.activation, scale) / double(batch_ * positions);
            if (og == 1)
                grad = (xg * pre).sum(std::vector<int64_t>{0, 3}).view({groups_, 1, -1});
            else
                grad = torch::matmul(pre, xg.transpose(2, 3)).sum(0);
        }
        return grad.reshape(w.sizes());
    }

private:
    const LayerInfo& info_;
    torch::Tensor inputQ_, target_, bias_, convBias_;
    int64_t batch_;
    bool im2col_;
    int64_t groups_ = 1;
    BatchSampler sampler_;
};

class ExactGradient : public RecGradient {
public:
    explicit ExactGradient(SecondMoments m) : m_(std::move(m)) {}

    torch::Tensor gradient(const torch::Tensor& w, double* loss) override
    {
        const torch::Tensor wg = m_.grouped(w);
        const torch::Tensor wa = torch::bmm(wg, m_.a);
        *loss = ((wa * wg).sum() - 2.0 * (wg * m_.crossPartner).sum()).item<double>() + m_.constant;
        return (2.0 * (wa - m_.crossPartner)).reshape(w.sizes());
    }

private:
    SecondMoments m_;
};

} // namespace

std::unique_ptr<RecGradient> makePaperGradient(const LayerInfo& info, const torch::Tensor& inputQ,
                                               const torch::Tensor& target, const torch::Tensor& bias,
                                               int64_t batchSize, uint64_t seed, bool im2col)
{
    if (info.kind == LayerKind::Linear && inputQ.dim() != 2)
        return nullptr; // e.g. token-wise linear layers: the autograd path handles them
    if (info.kind == LayerKind::Conv2d && (inputQ.dim() != 4 || info.stride.size() != 2 || info.padding.size() != 2 ||
                                           info.dilation.size() != 2))
        return nullptr;
    return std::make_unique<PaperGradient>(info, inputQ, target.contiguous(), bias, batchSize, seed, im2col);
}

std::unique_ptr<RecGradient> makeExactGradient(const LayerInfo& info, const torch::Tensor& inputFp,
                                               const torch::Tensor& inputQ, const torch::Tensor& weight)
{
    return std::make_unique<ExactGradient>(secondMoments(info, inputFp, inputQ, weight));
}

} // namespace adaround
