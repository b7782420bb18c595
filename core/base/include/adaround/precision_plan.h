#pragma once
// A mixed-precision plan: per-layer weight bits chosen from a sensitivity table
// under a weight-size budget.
//
// The choice is a multiple-choice knapsack: each layer takes one of its
// candidate widths, the size is the sum of weights x bits, and the cost is the
// sum of the layers' top-1 drops (each clamped at 0: a negative drop is noise),
// ties broken by the sum of the logits' MSE. Solved exactly by dynamic
// programming over layers on the Pareto front of (size, cost) - the cheapest
// cost for each size reachable - which stays small for the tens of layers of
// these models. Should it exceed kMaxFront points, it is thinned to the best
// point per 1/kMaxFront of the size range (an approximation only then).
// Greedy by drop per saved bit was not used: it is not optimal when a layer's
// drop is not convex in its bits (2 -> 3 bits often saves far more than 3 -> 4).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace adaround {

struct PlanLayer {
    std::string name;
    int64_t weights = 0;
    struct Option {
        double drop = 0; // top-1 points lost when this layer alone is at these bits
        double mse = 0;  // the tie-breaker
    };
    std::map<int, Option> options; // by bits; at least one
};

struct PrecisionPlan {
    std::vector<int> bits;          // per layer, in PlanLayer order
    int64_t sizeBits = 0;           // sum of weights x bits
    double predictedDrop = 0;       // sum of the chosen (clamped) drops
    double averageBits() const;     // sizeBits / weights
    int64_t weights = 0;
};

// Budget in bits for an average of AVG_BITS per weight, or for KB kilobytes
// (1 KB = 1024 bytes) of weights.
int64_t budgetForAverageBits(const std::vector<PlanLayer>& layers, double averageBits);
int64_t budgetForKilobytes(double kilobytes);

// The plan of least predicted drop (then MSE) whose size is at most
// BUDGET_BITS. Throws Error when even the smallest plan (every layer at its
// fewest bits) is over the budget, saying how small that plan is.
PrecisionPlan planPrecision(const std::vector<PlanLayer>& layers, int64_t budgetBits);

inline constexpr size_t kMaxFront = 20000;

} // namespace adaround
