#include "rounding_state_p.h"

#include "adaround/rounding_relaxation.h"

#include <ATen/Parallel.h>

#include <cmath>

namespace adaround {
namespace {

constexpr float kZeta = float(kRelaxationZeta);
constexpr float kGamma = float(kRelaxationGamma);
constexpr int64_t kGrain = 8192;

torch::Tensor perElement(const torch::Tensor& t, const torch::Tensor& like)
{
    return t.expand_as(like).contiguous().to(torch::kFloat32);
}

} // namespace

RoundingState::RoundingState(const torch::Tensor& weight, const TensorGrid& grid, double learningRate,
                             Relaxation relaxation)
    : n_(weight.numel()), lr_(learningRate), qmax_(float(grid.qmax())), relaxation_(relaxation)
{
    torch::NoGradGuard noGrad;
    const torch::Tensor w = weight.detach().to(torch::kFloat32).contiguous();
    scale_ = perElement(grid.scale, w);
    zero_ = perElement(grid.zeroPoint, w);
    floor_ = torch::floor(w / scale_).contiguous();
    const torch::Tensor rest = (w / scale_ - floor_).clamp(1e-6, 1.0 - 1e-6);
    if (relaxation == Relaxation::SigmoidTemperature)
        v_ = torch::log(rest / (1.0 - rest)).contiguous(); // sigma(V) = rest at T = 1
    else
        v_ = (-torch::log((kZeta - kGamma) / (rest - kGamma) - 1.0)).contiguous(); // h(V) = rest
    m1_ = torch::zeros_like(v_);
    m2_ = torch::zeros_like(v_);
    soft_ = torch::empty_like(v_);
    chain_ = torch::empty_like(v_);
    regGrad_ = torch::zeros_like(v_);
    sig_ = torch::empty_like(v_);
    dhdv_ = torch::empty_like(v_);
    u_ = torch::empty_like(v_);
    pow_ = torch::empty_like(v_);
}

// The hot loops are free functions compiled for AVX-512, AVX2 and the baseline
// (GCC picks one at load time), so one portable binary runs at full width.
#define ADAROUND_SIMD __attribute__((target_clones("avx512f", "avx2", "default")))

ADAROUND_SIMD static void softWeightLoop(int64_t begin, int64_t end, const float* __restrict sig,
                                         const float* __restrict s, const float* __restrict z,
                                         const float* __restrict f, float qmax, float* __restrict out,
                                         float* __restrict chain, float* __restrict dhdv, float* __restrict u)
{
    for (int64_t i = begin; i < end; ++i) {
        const float raw = sig[i] * (kZeta - kGamma) + kGamma;
        const float h = raw < 0.f ? 0.f : (raw > 1.f ? 1.f : raw);
        const float d = (raw > 0.f && raw < 1.f) ? (kZeta - kGamma) * sig[i] * (1.f - sig[i]) : 0.f;
        const float q = f[i] + h + z[i];
        const float qc = q < 0.f ? 0.f : (q > qmax ? qmax : q);
        out[i] = s[i] * (qc - z[i]);
        chain[i] = (q > 0.f && q < qmax) ? s[i] * d : 0.f;
        dhdv[i] = d;
        u[i] = 2.f * h - 1.f;
    }
}

// The variants (rounding_relaxation.h) in one loop: mode 1 = sigmoid-temperature
// (sig holds sigma(V/T), dh/dV = sig (1 - sig) / T), mode 2 = ste (sig holds
// sigma(V); forward h rounded at 0.5, backward the rectified sigmoid's dh/dV).
// The default keeps its own loop above, untouched.
ADAROUND_SIMD static void variantSoftWeightLoop(int64_t begin, int64_t end, int mode, float invT,
                                                const float* __restrict sig, const float* __restrict s,
                                                const float* __restrict z, const float* __restrict f, float qmax,
                                                float* __restrict out, float* __restrict chain)
{
    for (int64_t i = begin; i < end; ++i) {
        float h, d;
        if (mode == 1) {
            h = sig[i];
            d = sig[i] * (1.f - sig[i]) * invT;
        } else {
            const float raw = sig[i] * (kZeta - kGamma) + kGamma;
            d = (raw > 0.f && raw < 1.f) ? (kZeta - kGamma) * sig[i] * (1.f - sig[i]) : 0.f;
            h = raw >= 0.5f ? 1.f : 0.f;
        }
        const float q = f[i] + h + z[i];
        const float qc = q < 0.f ? 0.f : (q > qmax ? qmax : q);
        out[i] = s[i] * (qc - z[i]);
        chain[i] = (q > 0.f && q < qmax) ? s[i] * d : 0.f;
    }
}

ADAROUND_SIMD static void regulariserLoop(int64_t begin, int64_t end, const float* __restrict u,
                                          const float* __restrict pw, const float* __restrict dhdv, float k,
                                          float* __restrict reg)
{
    for (int64_t i = begin; i < end; ++i) {
        const float sign = u[i] > 0.f ? 1.f : (u[i] < 0.f ? -1.f : 0.f);
        reg[i] = k * pw[i] * dhdv[i] * sign;
    }
}

ADAROUND_SIMD static void adamLoop(int64_t begin, int64_t end, const float* __restrict gw,
                                   const float* __restrict chain, const float* __restrict reg, float b1, float b2,
                                   float c2sqrt, float eps, float stepSize, float* __restrict v,
                                   float* __restrict m1, float* __restrict m2)
{
    for (int64_t i = begin; i < end; ++i) {
        const float grad = gw[i] * chain[i] + reg[i];
        m1[i] = b1 * m1[i] + (1.f - b1) * grad;
        m2[i] = b2 * m2[i] + (1.f - b2) * grad * grad;
        v[i] -= stepSize * m1[i] / (std::sqrt(m2[i]) / c2sqrt + eps);
    }
}

const torch::Tensor& RoundingState::softWeight(bool regularised, double beta, double lambda, double temperature)
{
    temperature_ = temperature;
    if (relaxation_ == Relaxation::SigmoidTemperature || relaxation_ == Relaxation::Ste) {
        // No regulariser in these variants.
        const bool tempered = relaxation_ == Relaxation::SigmoidTemperature;
        if (tempered) {
            at::mul_out(pow_, v_, 1.0 / temperature);
            at::sigmoid_out(sig_, pow_);
        } else {
            at::sigmoid_out(sig_, v_);
        }
        const float* sig = sig_.data_ptr<float>();
        const float* s = scale_.data_ptr<float>();
        const float* z = zero_.data_ptr<float>();
        const float* f = floor_.data_ptr<float>();
        float* out = soft_.data_ptr<float>();
        float* chain = chain_.data_ptr<float>();
        const float qmax = qmax_, invT = float(1.0 / temperature);
        const int mode = tempered ? 1 : 2;
        at::parallel_for(0, n_, kGrain, [&](int64_t begin, int64_t end) {
            variantSoftWeightLoop(begin, end, mode, invT, sig, s, z, f, qmax, out, chain);
        });
        regGrad_.zero_();
        return soft_;
    }
    // Transcendentals through ATen's vectorised kernels, the rest in one fused pass.
    at::sigmoid_out(sig_, v_);
    const float* sig = sig_.data_ptr<float>();
    const float* s = scale_.data_ptr<float>();
    const float* z = zero_.data_ptr<float>();
    const float* f = floor_.data_ptr<float>();
    float* out = soft_.data_ptr<float>();
    float* chain = chain_.data_ptr<float>();
    float* dhdv = dhdv_.data_ptr<float>();
    float* u = u_.data_ptr<float>();
    const float qmax = qmax_;
    at::parallel_for(0, n_, kGrain, [&](int64_t begin, int64_t end) {
        softWeightLoop(begin, end, sig, s, z, f, qmax, out, chain, dhdv, u);
    });
    if (!regularised) {
        regGrad_.zero_();
        return soft_;
    }
    // d/dh of lambda * (1 - |2h - 1|^beta) = -2 lambda beta |2h - 1|^(beta - 1) sign(2h - 1)
    at::abs_out(pow_, u_);
    at::pow_out(pow_, pow_, beta - 1.0);
    const float* pw = pow_.data_ptr<float>();
    float* reg = regGrad_.data_ptr<float>();
    const float k = float(-2.0 * lambda * beta);
    at::parallel_for(0, n_, kGrain, [&](int64_t begin, int64_t end) { regulariserLoop(begin, end, u, pw, dhdv, k, reg); });
    return soft_;
}

void RoundingState::step(const torch::Tensor& gradSoftWeight)
{
    const torch::Tensor g = gradSoftWeight.contiguous();
    const float* gw = g.data_ptr<float>();
    const float* chain = chain_.data_ptr<float>();
    const float* reg = regGrad_.data_ptr<float>();
    float* v = v_.data_ptr<float>();
    float* m1 = m1_.data_ptr<float>();
    float* m2 = m2_.data_ptr<float>();
    ++t_;
    // Adam as torch.optim.Adam: betas (0.9, 0.999), eps 1e-8, no weight decay.
    const double b1 = 0.9, b2 = 0.999;
    const float c2sqrt = float(std::sqrt(1.0 - std::pow(b2, double(t_))));
    const float stepSize = float(lr_ / (1.0 - std::pow(b1, double(t_))));
    at::parallel_for(0, n_, kGrain, [&](int64_t begin, int64_t end) {
        adamLoop(begin, end, gw, chain, reg, float(b1), float(b2), c2sqrt, 1e-8f, stepSize, v, m1, m2);
    });
}

torch::Tensor RoundingState::h() const
{
    if (relaxation_ == Relaxation::SigmoidTemperature)
        return torch::sigmoid(v_ / temperature_);
    const torch::Tensor soft = torch::clamp(torch::sigmoid(v_) * (kZeta - kGamma) + kGamma, 0.0, 1.0);
    return relaxation_ == Relaxation::Ste ? (soft >= 0.5).to(torch::kFloat32) : soft;
}

double RoundingState::roundingLoss(double beta, double lambda) const
{
    return lambda * (1.0 - (2.0 * h() - 1.0).abs().pow(beta)).sum().item<double>();
}

} // namespace adaround
