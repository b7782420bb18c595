#include "logit_scores_p.h"

namespace adaround {

Hits countHits(const torch::Tensor& logits, const int* labels, int64_t count)
{
    const int64_t k = std::min<int64_t>(5, logits.size(1));
    const torch::Tensor best = std::get<1>(logits.topk(k, 1));
    const torch::Tensor truth =
        torch::from_blob(const_cast<int*>(labels), {count, 1}, torch::kInt32).to(torch::kLong);
    const torch::Tensor hit = best.eq(truth);
    Hits h;
    h.top1 = hit.select(1, 0).sum().item<int64_t>();
    h.top5 = hit.any(1).sum().item<int64_t>();
    h.count = count;
    return h;
}

Accuracy accuracyOf(const Hits& hits)
{
    Accuracy a;
    a.count = hits.count;
    a.top1 = hits.count ? 100.0 * double(hits.top1) / double(hits.count) : 0.0;
    a.top5 = hits.count ? 100.0 * double(hits.top5) / double(hits.count) : 0.0;
    return a;
}

} // namespace adaround
