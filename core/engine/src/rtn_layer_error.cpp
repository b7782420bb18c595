#include "rtn_layer_error_p.h"

#include "layer_optimizer_p.h"

namespace adaround {

double rtnOutputMse(const LayerInfo& info, const torch::Tensor& xFp, const torch::Tensor& xQ, const torch::Tensor& w,
                    const torch::Tensor& wRtn, const torch::Tensor& bias)
{
    torch::NoGradGuard noGrad;
    constexpr int64_t kChunk = 256;
    const int64_t n = xQ.size(0);
    double sum = 0;
    int64_t elements = 0;
    for (int64_t s = 0; s < n; s += kChunk) {
        const int64_t c = std::min(kChunk, n - s);
        const torch::Tensor target = layerForward(info, xFp.narrow(0, s, c), w, bias);
        sum += (layerForward(info, xQ.narrow(0, s, c), wRtn, bias) - target).pow(2).sum().item<double>();
        elements += target.numel();
    }
    return elements ? sum / double(elements) : 0.0;
}

} // namespace adaround
