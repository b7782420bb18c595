#pragma once
// Top-1 / top-5 figures of one evaluation (computed by accuracy.h's evaluate).
#include <cstdint>

namespace adaround {

struct Accuracy {
    double top1 = 0; // percent
    double top5 = 0; // percent (top-k with k = min(5, classes))
    int64_t count = 0;
};

} // namespace adaround
