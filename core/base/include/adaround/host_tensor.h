#pragma once
// A plain, Torch-free dense float tensor (row-major) for crossing core's public API.
#include <cstdint>
#include <vector>

namespace adaround {

struct HostTensor {
    std::vector<int64_t> shape;
    std::vector<float> values;

    int64_t numel() const
    {
        int64_t n = 1;
        for (int64_t d : shape)
            n *= d;
        return n;
    }
};

} // namespace adaround
