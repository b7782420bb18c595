#include "adaround/quantizer.h"

#include "adaround/error.h"
#include "guard_p.h"
#include "quant_ops_p.h"
#include "tensor_convert_p.h"

namespace adaround {
namespace {

constexpr int kRangeSteps = 81; // clipping ratios 1.00, 0.99, ..., 0.20

std::vector<int64_t> channelView(const torch::Tensor& w, bool perChannel)
{
    std::vector<int64_t> view(size_t(w.dim()), 1);
    if (perChannel)
        view[0] = w.size(0);
    return view;
}

// Scale and zero-point for a clipping ratio of the per-channel range [lo, hi].
std::pair<torch::Tensor, torch::Tensor> gridFor(const torch::Tensor& lo, const torch::Tensor& hi, double ratio,
                                                int bits, bool symmetric)
{
    const double qmax = double((1 << bits) - 1);
    if (symmetric) {
        const double half = double(1 << (bits - 1));
        torch::Tensor absMax = torch::max(lo.abs(), hi.abs()) * ratio;
        torch::Tensor scale = absMax / (half - 1.0);
        scale = torch::where(scale > 0, scale, torch::ones_like(scale));
        return {scale, torch::full_like(scale, half)};
    }
    torch::Tensor scale = (hi - lo) * ratio / qmax;
    scale = torch::where(scale > 0, scale, torch::ones_like(scale));
    torch::Tensor zero = torch::clamp(torch::round(-lo * ratio / scale), 0.0, qmax);
    return {scale, zero};
}

} // namespace

torch::Tensor quantizeNearest(const torch::Tensor& w, const TensorGrid& g)
{
    torch::Tensor q = torch::clamp(torch::round(w / g.scale) + g.zeroPoint, 0.0, g.qmax());
    return g.scale * (q - g.zeroPoint);
}

TensorGrid fitTensorGrid(const torch::Tensor& weight, const QuantSpec& spec)
{
    validateBits(spec.bits);
    torch::NoGradGuard noGrad;
    torch::Tensor w = weight.detach().to(torch::kFloat32);
    if (!torch::isfinite(w).all().item<bool>())
        throw Error("weights contain NaN or Inf values");
    const auto view = channelView(w, spec.perChannel);
    torch::Tensor flat = spec.perChannel ? w.reshape({w.size(0), -1}) : w.reshape({1, -1});
    torch::Tensor lo = torch::clamp_max(std::get<0>(flat.min(1)), 0.0);
    torch::Tensor hi = torch::clamp_min(std::get<0>(flat.max(1)), 0.0);

    TensorGrid best;
    best.bits = spec.bits;
    best.symmetric = spec.symmetric;
    torch::Tensor bestErr;
    for (int i = 0; i < kRangeSteps; ++i) {
        const double ratio = 1.0 - 0.01 * i;
        auto [scale, zero] = gridFor(lo, hi, ratio, spec.bits, spec.symmetric);
        TensorGrid g{scale.view({-1, 1}), zero.view({-1, 1}), spec.bits, spec.symmetric};
        torch::Tensor err = (quantizeNearest(flat, g) - flat).pow(2).mean(1);
        if (!bestErr.defined()) {
            best.scale = scale;
            best.zeroPoint = zero;
            bestErr = err;
            continue;
        }
        torch::Tensor better = err < bestErr;
        best.scale = torch::where(better, scale, best.scale);
        best.zeroPoint = torch::where(better, zero, best.zeroPoint);
        bestErr = torch::where(better, err, bestErr);
    }
    best.scale = best.scale.view(view);
    best.zeroPoint = best.zeroPoint.view(view);
    return best;
}

QuantGrid toQuantGrid(const TensorGrid& g)
{
    QuantGrid q;
    q.bits = g.bits;
    q.symmetric = g.symmetric;
    torch::Tensor s = g.scale.reshape({-1}).contiguous();
    torch::Tensor z = g.zeroPoint.reshape({-1}).contiguous();
    q.scale.assign(s.data_ptr<float>(), s.data_ptr<float>() + s.numel());
    q.zeroPoint.assign(z.data_ptr<float>(), z.data_ptr<float>() + z.numel());
    return q;
}

TensorGrid toTensorGrid(const QuantGrid& q, const torch::Tensor& weight)
{
    const int64_t channels = int64_t(q.scale.size());
    if (channels != 1 && channels != weight.size(0))
        throw Error("grid has " + std::to_string(channels) + " channels, the weight " +
                    std::to_string(weight.size(0)));
    const auto view = channelView(weight, channels != 1);
    TensorGrid g;
    g.bits = q.bits;
    g.symmetric = q.symmetric;
    g.scale = torch::tensor(q.scale).view(view);
    g.zeroPoint = torch::tensor(q.zeroPoint).view(view);
    return g;
}

QuantGrid fitGrid(const HostTensor& weight, const QuantSpec& spec)
{
    return guarded("fitting a quantization grid", [&] { return toQuantGrid(fitTensorGrid(toTorch(weight), spec)); });
}

HostTensor roundToNearest(const HostTensor& weight, const QuantGrid& grid)
{
    return guarded("round-to-nearest", [&] {
        torch::Tensor w = toTorch(weight);
        return toHost(quantizeNearest(w, toTensorGrid(grid, w)));
    });
}

} // namespace adaround
