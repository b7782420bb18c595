#include "reconstruction_p.h"

#include "layer_optimizer_p.h"

#include <numeric>
#include <random>

namespace adaround {
namespace {

// Draws minibatches without replacement, platform-independent.
class BatchSampler {
public:
    BatchSampler(int64_t population, uint64_t seed) : order_(size_t(population)), gen_(seed)
    {
        std::iota(order_.begin(), order_.end(), int64_t(0));
    }

    torch::Tensor next(int64_t size)
    {
        const uint64_t n = order_.size();
        for (int64_t i = 0; i < size; ++i) {
            const uint64_t bound = n - uint64_t(i);
            const uint64_t threshold = (0 - bound) % bound;
            uint64_t r;
            do
                r = gen_();
            while (r < threshold);
            std::swap(order_[size_t(i)], order_[size_t(i) + size_t(r % bound)]);
        }
        return torch::from_blob(order_.data(), {size}, torch::kLong).clone();
    }

private:
    std::vector<int64_t> order_;
    std::mt19937_64 gen_;
};

class PaperReconstruction : public Reconstruction {
public:
    PaperReconstruction(const LayerInfo& info, torch::Tensor inputQ, torch::Tensor target, torch::Tensor bias,
                        int64_t batch, uint64_t seed)
        : info_(info), inputQ_(std::move(inputQ)), target_(std::move(target)), bias_(std::move(bias)), batch_(batch),
          sampler_(inputQ_.size(0), seed)
    {
    }

    torch::Tensor loss(const torch::Tensor& w) override
    {
        const torch::Tensor idx = sampler_.next(batch_);
        const torch::Tensor out = layerForward(info_, inputQ_.index_select(0, idx), w, bias_);
        return (out - target_.index_select(0, idx)).pow(2).sum(1).mean();
    }

private:
    const LayerInfo& info_;
    torch::Tensor inputQ_, target_, bias_;
    int64_t batch_;
    BatchSampler sampler_;
};

// Im2col patches grouped: [n, groups, d_g, positions].
torch::Tensor groupedPatches(const LayerInfo& info, const torch::Tensor& x)
{
    if (info.kind == LayerKind::Linear) {
        const torch::Tensor flat = x.reshape({-1, x.size(-1)});
        return flat.view({flat.size(0), 1, flat.size(1), 1});
    }
    const auto& w = info.weightShape;
    namespace F = torch::nn::functional;
    const torch::Tensor cols = F::unfold(
        x, F::UnfoldFuncOptions({w[2], w[3]}).dilation(info.dilation).padding(info.padding).stride(info.stride));
    return cols.view({cols.size(0), info.groups, cols.size(1) / info.groups, cols.size(2)});
}

class ExactReconstruction : public Reconstruction {
public:
    ExactReconstruction(const LayerInfo& info, const torch::Tensor& inputFp, const torch::Tensor& inputQ,
                        const torch::Tensor& weight)
        : groups_(info.kind == LayerKind::Linear ? 1 : info.groups)
    {
        torch::NoGradGuard noGrad;
        torch::Tensor a, b, c; // E[x^ x^T], E[x^ x^T], E[x x^T] per group, accumulated in double
        double count = 0;
        const int64_t n = inputQ.size(0);
        // Bound the patch matrices to ~32M floats per chunk.
        const torch::Tensor probe = groupedPatches(info, inputQ.narrow(0, 0, 1));
        const int64_t chunk = std::max<int64_t>(1, (int64_t(1) << 25) / std::max<int64_t>(1, probe.numel()));
        for (int64_t s = 0; s < n; s += chunk) {
            const int64_t k = std::min(chunk, n - s);
            const torch::Tensor pq = groupedPatches(info, inputQ.narrow(0, s, k));
            const torch::Tensor pf = groupedPatches(info, inputFp.narrow(0, s, k));
            auto moments = [](const torch::Tensor& u, const torch::Tensor& v) {
                return torch::einsum("ngdl,ngel->gde", {u, v}).to(torch::kFloat64);
            };
            const torch::Tensor da = moments(pq, pq), db = moments(pq, pf), dc = moments(pf, pf);
            a = a.defined() ? a + da : da;
            b = b.defined() ? b + db : db;
            c = c.defined() ? c + dc : dc;
            count += double(pq.size(0) * pq.size(3));
        }
        a_ = (a / count).to(torch::kFloat32);
        b_ = (b / count).to(torch::kFloat32);
        weight_ = grouped(weight);
        const torch::Tensor wc = torch::bmm(weight_.to(torch::kFloat64), c / count);
        constant_ = (wc * weight_.to(torch::kFloat64)).sum().item<double>();
        // The cross term's partner W B^T is fixed: precompute it.
        crossPartner_ = torch::bmm(weight_, b_.transpose(1, 2));
    }

    torch::Tensor loss(const torch::Tensor& w) override
    {
        const torch::Tensor wg = grouped(w);
        const torch::Tensor quad = (torch::bmm(wg, a_) * wg).sum();
        const torch::Tensor cross = (wg * crossPartner_).sum();
        return quad - 2.0 * cross + constant_;
    }

private:
    // [out, in/groups, kh, kw] or [out, in] -> [groups, out/groups, d_g]
    torch::Tensor grouped(const torch::Tensor& w) const
    {
        return w.reshape({groups_, w.size(0) / groups_, -1});
    }

    int64_t groups_;
    torch::Tensor a_, b_, weight_, crossPartner_;
    double constant_ = 0;
};

} // namespace

std::unique_ptr<Reconstruction> makePaperReconstruction(const LayerInfo& info, const torch::Tensor& inputQ,
                                                        const torch::Tensor& target, const torch::Tensor& bias,
                                                        int64_t batchSize, uint64_t seed)
{
    return std::make_unique<PaperReconstruction>(info, inputQ, target, bias, batchSize, seed);
}

std::unique_ptr<Reconstruction> makeExactReconstruction(const LayerInfo& info, const torch::Tensor& inputFp,
                                                        const torch::Tensor& inputQ, const torch::Tensor& weight)
{
    return std::make_unique<ExactReconstruction>(info, inputFp, inputQ, weight);
}

} // namespace adaround
