#include "adaround/teaching/random_problem.h"

#include "adaround/error.h"

#include <cmath>

namespace adaround::teaching {
namespace {

// splitmix64: tiny, well mixed, the same on every platform.
struct SplitMix {
    uint64_t state;
    uint64_t next()
    {
        uint64_t z = (state += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 11) * 0x1.0p-53; } // [0, 1)
    double normal()
    {
        const double u = 1.0 - uniform(), v = uniform(); // u in (0, 1]
        return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * M_PI * v);
    }
};

} // namespace

QuadraticRounding randomProblem(int n, uint64_t seed, double eps)
{
    if (n < 1 || n > kMaxToyWeights)
        throw Error("a toy rounding problem has 1 to " + std::to_string(kMaxToyWeights) + " weights, not " +
                    std::to_string(n));
    SplitMix rng{seed * 0x2545f4914f6cdd1dull + uint64_t(n)};
    std::vector<double> a(size_t(n) * size_t(n));
    for (double& x : a)
        x = rng.normal();
    QuadraticRounding p;
    p.h.assign(size_t(n) * size_t(n), 0.0);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            double sum = 0;
            for (int k = 0; k < n; ++k)
                sum += a[size_t(k) * size_t(n) + size_t(i)] * a[size_t(k) * size_t(n) + size_t(j)];
            p.h[size_t(i) * size_t(n) + size_t(j)] = sum / n + (i == j ? eps : 0.0);
        }
    p.w.resize(static_cast<size_t>(n));
    for (double& x : p.w)
        x = rng.uniform();
    return p;
}

} // namespace adaround::teaching
