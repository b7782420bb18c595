#include "reconstruction_p.h"

#include "batch_sampler_p.h"
#include "layer_optimizer_p.h"


namespace adaround {
namespace {

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
    explicit ExactReconstruction(SecondMoments m) : m_(std::move(m)) {}

    torch::Tensor loss(const torch::Tensor& w) override
    {
        const torch::Tensor wg = m_.grouped(w);
        const torch::Tensor quad = (torch::bmm(wg, m_.a) * wg).sum();
        const torch::Tensor cross = (wg * m_.crossPartner).sum();
        return quad - 2.0 * cross + m_.constant;
    }

private:
    SecondMoments m_;
};

} // namespace

SecondMoments secondMoments(const LayerInfo& info, const torch::Tensor& inputFp, const torch::Tensor& inputQ,
                            const torch::Tensor& weight)
{
    torch::NoGradGuard noGrad;
    SecondMoments m;
    m.groups = info.kind == LayerKind::Linear ? 1 : info.groups;
    torch::Tensor a, b, c; // sums of x^ x^T, x^ x^T, x x^T per group, in double
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
    m.a = (a / count).to(torch::kFloat32);
    const torch::Tensor wg = m.grouped(weight.detach().to(torch::kFloat32));
    m.constant = (torch::bmm(wg.to(torch::kFloat64), c / count) * wg.to(torch::kFloat64)).sum().item<double>();
    // The cross term's partner W B^T is fixed: precompute it.
    m.crossPartner = torch::bmm(wg, (b / count).to(torch::kFloat32).transpose(1, 2)).contiguous();
    return m;
}

std::unique_ptr<Reconstruction> makePaperReconstruction(const LayerInfo& info, const torch::Tensor& inputQ,
                                                        const torch::Tensor& target, const torch::Tensor& bias,
                                                        int64_t batchSize, uint64_t seed)
{
    return std::make_unique<PaperReconstruction>(info, inputQ, target, bias, batchSize, seed);
}

std::unique_ptr<Reconstruction> makeExactReconstruction(const LayerInfo& info, const torch::Tensor& inputFp,
                                                        const torch::Tensor& inputQ, const torch::Tensor& weight)
{
    return std::make_unique<ExactReconstruction>(secondMoments(info, inputFp, inputQ, weight));
}

} // namespace adaround
