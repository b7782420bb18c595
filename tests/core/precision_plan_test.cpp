// The mixed-precision planner: exact against brute force on random tables
// (including drops that are not convex in the bits, where greedy fails), the
// budget's units, and the refusal of a budget below the smallest plan.
#include "adaround/error.h"
#include "adaround/precision_plan.h"

#include <gtest/gtest.h>

#include <random>

using namespace adaround;

namespace {

PlanLayer layer(const std::string& name, int64_t weights, std::map<int, PlanLayer::Option> options)
{
    return PlanLayer{name, weights, std::move(options)};
}

// The least (drop, MSE) over every assignment within BUDGET, by enumeration.
std::pair<double, double> bruteForce(const std::vector<PlanLayer>& layers, int64_t budget)
{
    std::pair<double, double> best{1e300, 1e300};
    std::vector<std::map<int, PlanLayer::Option>::const_iterator> at;
    for (const auto& l : layers)
        at.push_back(l.options.begin());
    for (;;) {
        int64_t size = 0;
        double drop = 0, mse = 0;
        for (size_t i = 0; i < layers.size(); ++i) {
            size += layers[i].weights * at[i]->first;
            drop += std::max(0.0, at[i]->second.drop);
            mse += std::max(0.0, at[i]->second.mse);
        }
        if (size <= budget && std::make_pair(drop, mse) < best)
            best = {drop, mse};
        size_t i = 0;
        while (i < layers.size() && ++at[i] == layers[i].options.end()) {
            at[i] = layers[i].options.begin();
            ++i;
        }
        if (i == layers.size())
            return best;
    }
}

} // namespace

TEST(PrecisionPlan, NonConvexDropsDefeatGreedyButNotThePlanner)
{
    // Equal sizes. a: 2 bits costs 10, 4 bits 0.2. b: 2 bits 3, 4 bits 2.9.
    // Budget for one layer at 2 bits: a at 4 and b at 2 (drop 3.2), not a at 2.
    const std::vector<PlanLayer> layers{layer("a", 100, {{2, {10, 1}}, {4, {0.2, 0.1}}, {8, {0, 0}}}),
                                        layer("b", 100, {{2, {3, 1}}, {4, {2.9, 0.5}}, {8, {0, 0}}})};
    const PrecisionPlan p = planPrecision(layers, 600);
    EXPECT_EQ(p.bits, (std::vector<int>{4, 2}));
    EXPECT_EQ(p.sizeBits, 600);
    EXPECT_DOUBLE_EQ(p.predictedDrop, 3.2);
    EXPECT_DOUBLE_EQ(p.averageBits(), 3.0);
    EXPECT_EQ(planPrecision(layers, 1600).bits, (std::vector<int>{8, 8})); // room for all: no drop
}

TEST(PrecisionPlan, NegativeDropsAreNoiseAndTiesGoToTheLowerMse)
{
    const std::vector<PlanLayer> layers{layer("a", 10, {{2, {-0.5, 3}}, {4, {0, 1}}}),
                                        layer("b", 10, {{2, {0, 2}}, {4, {0, 0.5}}})};
    // One layer can take 4 bits: a at 4 saves 2 of MSE, b at 4 only 1.5.
    const PrecisionPlan p = planPrecision(layers, 60);
    EXPECT_EQ(p.bits, (std::vector<int>{4, 2}));
    EXPECT_DOUBLE_EQ(p.predictedDrop, 0.0);
}

TEST(PrecisionPlan, ExactAgainstBruteForceOnRandomTables)
{
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> unit(0, 1);
    for (int trial = 0; trial < 200; ++trial) {
        std::vector<PlanLayer> layers;
        int64_t smallest = 0, largest = 0;
        for (int i = 0; i < 6; ++i) {
            PlanLayer l = layer("l" + std::to_string(i), 1 + int64_t(unit(rng) * 5000), {});
            for (int b : {2, 3, 4, 8})
                l.options[b] = {unit(rng) < 0.2 ? 0.0 : unit(rng) * 10 - 1, unit(rng)};
            smallest += l.weights * 2;
            largest += l.weights * 8;
            layers.push_back(l);
        }
        const int64_t budget = smallest + int64_t(unit(rng) * double(largest - smallest));
        const PrecisionPlan p = planPrecision(layers, budget);
        EXPECT_LE(p.sizeBits, budget);
        const auto best = bruteForce(layers, budget);
        EXPECT_NEAR(p.predictedDrop, best.first, 1e-9) << "trial " << trial;
        double drop = 0;
        int64_t size = 0;
        for (size_t i = 0; i < layers.size(); ++i) {
            drop += std::max(0.0, layers[i].options.at(p.bits[i]).drop);
            size += layers[i].weights * p.bits[i];
        }
        EXPECT_NEAR(drop, p.predictedDrop, 1e-9);
        EXPECT_EQ(size, p.sizeBits);
    }
}

TEST(PrecisionPlan, BudgetsInAverageBitsAndKilobytes)
{
    const std::vector<PlanLayer> layers{layer("a", 300, {{2, {}}}), layer("b", 700, {{2, {}}})};
    EXPECT_EQ(budgetForAverageBits(layers, 3.5), 3500);
    EXPECT_EQ(budgetForKilobytes(2), 2 * 1024 * 8);
    EXPECT_THROW(budgetForAverageBits(layers, 0), Error);
    EXPECT_THROW(budgetForKilobytes(-1), Error);
}

TEST(PrecisionPlan, ABudgetBelowTheSmallestPlanIsRefusedWithItsSize)
{
    const std::vector<PlanLayer> layers{layer("a", 4096, {{4, {}}, {8, {}}})};
    try {
        planPrecision(layers, 4096 * 3);
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("smallest plan"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("2.0 KB"), std::string::npos) << e.what();
    }
}
