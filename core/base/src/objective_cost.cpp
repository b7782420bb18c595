#include "adaround/objective_cost.h"

#include <algorithm>

namespace adaround {
namespace {

// Rates of the fused kernels (rec_gradient.cpp, reconstruction.cpp), fitted to
// bench/bench_objective_cost on the project's 2-core machines (docs/performance.md).
// Only their ratios decide the choice.
constexpr double kGemmFlops = 12e9;        // OpenBLAS SGEMM (its Prescott kernels here): linear layers, moments
constexpr double kConvFlops = 45e9;        // LibTorch's convolution kernels (oneDNN): the paper's convs
constexpr double kThinMoments = 180;       // a moment GEMM gives d x d from N P-long sums: d / (d + 180) of the rate
constexpr double kThinConv = 32;           // a conv over d-long patches: d / (d + 32) of the rate
constexpr double kElementSeconds = 3e-9;   // per element gathered or passed element-wise
constexpr double kPaperStepOverhead = 5e-6; // per minibatch step: a handful of LibTorch ops
constexpr double kExactStepOverhead = 15e-6; // per step: a batched GEMM, reductions, a host sync for the loss
constexpr double kMomentsOverhead = 1e-3;  // once: the moment sums, the cross term and the constant

int64_t outputSize(int64_t in, int64_t kernel, int64_t stride, int64_t padding, int64_t dilation)
{
    return std::max<int64_t>(1, (in + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1);
}

int64_t at(const std::vector<int64_t>& v, size_t i, int64_t fallback)
{
    return i < v.size() ? v[i] : fallback;
}

} // namespace

LayerWork layerWork(const LayerInfo& info, const std::vector<int64_t>& inputShape)
{
    LayerWork w;
    w.samples = inputShape.empty() ? 0 : inputShape[0];
    w.inputPerSample = 1;
    for (size_t i = 1; i < inputShape.size(); ++i)
        w.inputPerSample *= inputShape[i];
    const auto& ws = info.weightShape;
    w.outChannels = ws.empty() ? 0 : ws[0];
    w.patch = 1;
    for (size_t i = 1; i < ws.size(); ++i)
        w.patch *= ws[i];
    if (info.kind == LayerKind::Linear) {
        // Token-wise linear layers ([N, T, in]) see every token as a position.
        w.positions = inputShape.size() > 2 ? w.inputPerSample / std::max<int64_t>(1, inputShape.back()) : 1;
        return w;
    }
    w.convolution = true;
    w.groups = info.groups;
    if (inputShape.size() == 4 && ws.size() == 4)
        w.positions = outputSize(inputShape[2], ws[2], at(info.stride, 0, 1), at(info.padding, 0, 0),
                                 at(info.dilation, 0, 1)) *
                      outputSize(inputShape[3], ws[3], at(info.stride, 1, 1), at(info.padding, 1, 0),
                                 at(info.dilation, 1, 1));
    return w;
}

ObjectiveCost objectiveCost(const LayerWork& w, int iterations, int batchSize)
{
    const double n = double(w.samples), p = double(w.positions), out = double(w.outChannels), d = double(w.patch),
                 g = double(w.groups);
    const double b = double(std::min<int64_t>(batchSize, std::max<int64_t>(1, w.samples)));
    ObjectiveCost c;
    c.iterations = iterations;
    // Forward and weight gradient (2 B P out d multiply-adds), the minibatch
    // gathered from the cache, the output passed through the activation
    // against its target.
    const double rate = w.convolution ? kConvFlops * d / (d + kThinConv) : kGemmFlops;
    c.paperStep = kPaperStepOverhead + 4 * b * p * out * d / rate +
                  kElementSeconds * (b * double(w.inputPerSample) + 3 * b * p * out);
    // Three d x d sums per group over N P patches; then W E[xq x^T]^T and W E[x x^T] W^T.
    c.exactMoments = kMomentsOverhead + 6 * n * p * g * d * d / (kGemmFlops * d / (d + kThinMoments)) +
                     4 * out * d * d / kGemmFlops;
    // W~ E[xq xq^T] per group.
    c.exactStep = kExactStepOverhead + 2 * out * d * d / kGemmFlops;
    return c;
}

Objective chooseObjective(const LayerInfo& info, const LayerWork& work, const AdaRoundConfig& config)
{
    if (config.objective != Objective::Auto)
        return config.objective;
    if (info.activation != Activation::None)
        return Objective::Paper; // the exact form would drop f_a
    const ObjectiveCost c = objectiveCost(work, config.iterations, config.batchSize);
    return c.exact() < c.paper() ? Objective::Exact : Objective::Paper;
}

} // namespace adaround
