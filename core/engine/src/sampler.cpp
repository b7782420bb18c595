#include "adaround/sampler.h"

#include "adaround/error.h"

#include <algorithm>
#include <numeric>
#include <random>
#include <string>

namespace adaround {
namespace {

// Uniform integer in [0, bound) by rejection: unbiased and identical on every
// platform, unlike std::uniform_int_distribution.
uint64_t uniformBelow(std::mt19937_64& gen, uint64_t bound)
{
    const uint64_t threshold = (0 - bound) % bound;
    while (true) {
        uint64_t r = gen();
        if (r >= threshold)
            return r % bound;
    }
}

} // namespace

std::vector<size_t> sampleIndices(size_t population, size_t count, uint64_t seed)
{
    if (count > population)
        throw Error("cannot sample " + std::to_string(count) + " items from " + std::to_string(population));
    std::vector<size_t> idx(population);
    std::iota(idx.begin(), idx.end(), size_t(0));
    std::mt19937_64 gen(seed);
    for (size_t i = 0; i < count; ++i)
        std::swap(idx[i], idx[i + uniformBelow(gen, population - i)]);
    idx.resize(count);
    std::sort(idx.begin(), idx.end());
    return idx;
}

} // namespace adaround
