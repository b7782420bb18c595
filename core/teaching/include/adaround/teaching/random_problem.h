#pragma once
// Seeded random quadratic rounding problems for the "n weights" view and its
// tests: H = A^T A / n + eps I with A's entries normal, positions uniform.
#include "adaround/teaching/quadratic_rounding.h"

#include <cstdint>

namespace adaround::teaching {

// The same seed and n give the same problem on every platform (own generator
// and Box-Muller, no std:: distributions, whose output is implementation-defined).
QuadraticRounding randomProblem(int n, uint64_t seed, double eps = 0.05);

} // namespace adaround::teaching
