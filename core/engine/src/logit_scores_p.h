#pragma once
// Top-1 / top-5 hits of a batch of logits against integer labels.
#include "adaround/accuracy_figures.h"

#include <torch/torch.h>

#include <cstdint>

namespace adaround {

struct Hits {
    int64_t top1 = 0, top5 = 0, count = 0;
    Hits& operator+=(const Hits& o)
    {
        top1 += o.top1;
        top5 += o.top5;
        count += o.count;
        return *this;
    }
};

// LABELS: COUNT int labels, one per row of LOGITS.
Hits countHits(const torch::Tensor& logits, const int* labels, int64_t count);

// In percent of the images counted.
Accuracy accuracyOf(const Hits& hits);

} // namespace adaround
