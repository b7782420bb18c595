#include "activation_quant_p.h"

#include "cut_states_p.h"

#include <limits>

namespace adaround {
namespace {

constexpr int kRangeSteps = 81;
constexpr int64_t kMaxSample = int64_t(1) << 18;

ActivationGrid gridFor(double lo, double hi, int bits)
{
    ActivationGrid g;
    g.bits = bits;
    const double qmax = double((int64_t(1) << bits) - 1);
    g.scale = std::max((hi - lo) / qmax, 1e-8);
    g.zeroPoint = std::llround(std::clamp(-lo / g.scale, 0.0, qmax));
    return g;
}

} // namespace

ActivationGrid fitActivationGrid(const torch::Tensor& values, int bits, uint64_t seed)
{
    torch::NoGradGuard noGrad;
    torch::Tensor x = values.detach().reshape({-1}).to(torch::kFloat32);
    if (x.numel() > kMaxSample) {
        auto gen = at::detail::createCPUGenerator(seed);
        x = x.index_select(0, torch::randint(x.numel(), {kMaxSample}, gen, torch::kLong));
    }
    const double lo = std::min(0.0, x.min().item<double>());
    const double hi = std::max(0.0, x.max().item<double>());
    const int64_t qmax = (int64_t(1) << bits) - 1;
    ActivationGrid best;
    double bestErr = std::numeric_limits<double>::infinity();
    for (int i = 0; i < kRangeSteps; ++i) {
        const double ratio = 1.0 - 0.01 * i;
        const ActivationGrid g = gridFor(lo * ratio, hi * ratio, bits);
        const torch::Tensor q = torch::fake_quantize_per_tensor_affine(x, g.scale, g.zeroPoint, 0, qmax);
        const double err = (q - x).pow(2).mean().item<double>();
        if (err < bestErr) {
            bestErr = err;
            best = g;
        }
    }
    return best;
}

std::vector<ActivationGrid> calibrateActivations(ModelImpl& fp, const std::vector<int>& layers,
                                                 const torch::Tensor& images, int bits, uint64_t seed)
{
    // One pass through the model, cut before each layer.
    std::vector<ActivationGrid> grids;
    if (layers.empty())
        return grids;
    SegmentedForward segments(fp, layers);
    CutStates states(segments, images, {}, "");
    for (size_t c = 0; c < layers.size(); ++c) {
        if (c > 0)
            states.advance({}, "");
        ActivationGrid g = fitActivationGrid(states.layerInput(), bits, seed + uint64_t(layers[c]));
        g.layer = layers[c];
        grids.push_back(g);
    }
    return grids;
}

} // namespace adaround
