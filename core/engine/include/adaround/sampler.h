#pragma once
// Seeded, platform-independent sampling of calibration images.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace adaround {

// COUNT distinct indices from [0, population), in ascending order, the same for
// the same seed on every platform (own Fisher-Yates over std::mt19937_64).
std::vector<size_t> sampleIndices(size_t population, size_t count, uint64_t seed);

} // namespace adaround
