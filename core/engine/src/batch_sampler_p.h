#pragma once
// Minibatches without replacement from a seeded std::mt19937_64: the same
// batches on every platform and for both optimiser paths.
#include <torch/torch.h>

#include <cstdint>
#include <numeric>
#include <random>
#include <vector>

namespace adaround {

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

} // namespace adaround
