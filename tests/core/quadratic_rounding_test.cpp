// The teaching toy (core/teaching): the quadratic rounding problem of the
// paper's section 2, its enumerated corners, and AdaRound run on it, against
// hand-computed values and the enumerated optimum.
#include "adaround/error.h"
#include "adaround/teaching/random_problem.h"
#include "adaround/teaching/symmetric_eigen.h"
#include "adaround/teaching/toy_adaround.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

using namespace adaround;
using namespace adaround::teaching;

TEST(QuadraticRounding, LossIsThePapersQuadraticForm)
{
    const QuadraticRounding p = QuadraticRounding::paperExample();
    for (const auto& dw : std::vector<std::vector<double>>{{0.3, -0.7}, {-0.3, 0.55}, {1, 1}, {0.2, 0.0}}) {
        const double d1 = dw[0], d2 = dw[1];
        EXPECT_NEAR(quadraticLoss(p, dw), d1 * d1 + d2 * d2 + d1 * d2, 1e-12);
    }
}

TEST(QuadraticRounding, TwoWeightCornersByHand)
{
    // w = (0.3, 0.45): the corners' dw and dw1^2 + dw2^2 + dw1 dw2.
    const QuadraticRounding p = QuadraticRounding::paperExample();
    const std::vector<Corner> c = enumerateCorners(p);
    ASSERT_EQ(c.size(), 4u);
    EXPECT_NEAR(c[0].loss, 0.09 + 0.2025 + 0.135, 1e-12);  // down, down: (-0.3, -0.45)
    EXPECT_NEAR(c[1].loss, 0.49 + 0.2025 - 0.315, 1e-12);  // up, down:   ( 0.7, -0.45)
    EXPECT_NEAR(c[2].loss, 0.09 + 0.3025 - 0.165, 1e-12);  // down, up:   (-0.3,  0.55)
    EXPECT_NEAR(c[3].loss, 0.49 + 0.3025 + 0.385, 1e-12);  // up, up:     ( 0.7,  0.55)
    EXPECT_TRUE(c[2].up(1));
    EXPECT_FALSE(c[2].up(0));
    EXPECT_EQ(cornerPosition(p, 2), (std::vector<double>{0.0, 1.0}));
}

TEST(QuadraticRounding, NearestIsNotOptimalAtTheDefaultExample)
{
    const QuadraticRounding p = QuadraticRounding::paperExample();
    const Corner nearest = nearestCorner(p), best = optimalCorner(p);
    EXPECT_EQ(nearest.bits, 0u);
    EXPECT_EQ(best.bits, 2u) << "the second weight rounds up although its fractional part is 0.45";
    EXPECT_LT(best.loss, nearest.loss * 0.6);
    EXPECT_EQ(differingWeights(nearest.bits, best.bits), 1);
}

TEST(QuadraticRounding, CornersFollowTheFloorOfAnyWeight)
{
    const QuadraticRounding p{{-1.7, 2.2}, {2, 0, 0, 1}};
    EXPECT_EQ(cornerPosition(p, 3), (std::vector<double>{-1.0, 3.0}));
    // -1.7: floor -2, nearest -2 (down); 2.2: floor 2, nearest 2 (down)
    EXPECT_EQ(nearestCorner(p).bits, 0u);
    EXPECT_EQ(nearestCorner(QuadraticRounding{{-1.2, 2.7}, {2, 0, 0, 1}}).bits, 3u);
}

TEST(QuadraticRounding, RejectsWhatIsNotAPositiveSemidefiniteH)
{
    auto message = [](const QuadraticRounding& p) {
        try {
            p.validate();
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    EXPECT_NE(message({{0.3, 0.4}, {1, 1.2, 1.2, 1}}).find("exceeds sqrt(h11 h22)"), std::string::npos);
    EXPECT_NE(message({{0.3, 0.4}, {-1, 0, 0, 1}}).find("diagonal"), std::string::npos);
    EXPECT_NE(message({{0.3, 0.4}, {1, 0.5, 0.4, 1}}).find("symmetric"), std::string::npos);
    EXPECT_NE(message({{0.3}, {1, 0, 0, 1}}).find("1 x 1"), std::string::npos);
    EXPECT_NE(message({std::vector<double>(13, 0.2), std::vector<double>(169, 0.0)}).find("1 to 12"),
              std::string::npos);
    EXPECT_EQ(message({{0.3, 0.4}, {1, 1, 1, 1}}), "") << "singular but PSD";
    // 3 x 3 with eigenvalues -1, 2, 2 (J - I scaled): named by its smallest eigenvalue.
    EXPECT_NE(message({{0.1, 0.2, 0.3}, {0, 1, 1, 1, 0, 1, 1, 1, 0}}).find("smallest eigenvalue is -1"),
              std::string::npos);
}

TEST(QuadraticRounding, EigenvaluesOfKnownMatrices)
{
    const std::vector<double> two = symmetricEigenvalues({1, 0.5, 0.5, 1}, 2);
    EXPECT_NEAR(two[0], 0.5, 1e-12);
    EXPECT_NEAR(two[1], 1.5, 1e-12);
    const std::vector<double> three = symmetricEigenvalues({2, -1, 0, -1, 2, -1, 0, -1, 2}, 3);
    EXPECT_NEAR(three[0], 2 - std::sqrt(2.0), 1e-12);
    EXPECT_NEAR(three[1], 2, 1e-12);
    EXPECT_NEAR(three[2], 2 + std::sqrt(2.0), 1e-12);
}

TEST(ToyAdaRound, RelaxationAndRegulariserFollowTheirFormulas)
{
    for (double v : {-5.0, -1.0, 0.0, 0.7, 3.0}) {
        const double raw = 1.0 / (1.0 + std::exp(-v)) * 1.2 - 0.1;
        EXPECT_NEAR(rectifiedSigmoid(v), std::min(1.0, std::max(0.0, raw)), 1e-15);
    }
    for (double h : {0.01, 0.3, 0.5, 0.8})
        EXPECT_NEAR(rectifiedSigmoid(startingV(h)), h, 1e-12);
    EXPECT_NEAR(roundingRegulariser(0.5, 2), 1.0, 1e-15);
    EXPECT_NEAR(roundingRegulariser(0.0, 2), 0.0, 1e-15);
    EXPECT_NEAR(roundingRegulariser(0.25, 3), 1 - 0.125, 1e-15);
}

TEST(ToyAdaRound, FindsTheOptimumAtTheDefaultExample)
{
    const QuadraticRounding p = QuadraticRounding::paperExample();
    const ToySettings s;
    const ToyResult r = runToyAdaRound(p, s);
    EXPECT_EQ(r.corner.bits, optimalCorner(p).bits);
    EXPECT_NE(r.corner.bits, nearestCorner(p).bits);
    EXPECT_EQ(r.settled, 2) << "h(V) ends on a corner: " << r.finalH[0] << ", " << r.finalH[1];
    // The path: starts at the fractional parts, a point every recordEvery iterations and the end.
    ASSERT_EQ(r.path.size(), size_t(s.iterations / s.recordEvery + 1));
    EXPECT_NEAR(r.path.front().h[0], 0.3, 1e-9);
    EXPECT_NEAR(r.path.front().h[1], 0.45, 1e-9);
    EXPECT_NEAR(r.path.front().rec, 0.0, 1e-12) << "the soft weights start at the FP32 weights";
    EXPECT_EQ(r.path.back().iteration, s.iterations);
    EXPECT_NEAR(r.path.back().rec, r.corner.loss, 1e-3);
    const int warmupEnd = int(s.warmup * s.iterations);
    for (const ToyStep& step : r.path) {
        if (step.iteration < warmupEnd) {
            EXPECT_EQ(step.reg, 0.0) << "no regulariser in the warm-up";
        }
        EXPECT_NEAR(step.beta, s.annealing().beta(std::min(step.iteration, s.iterations - 1)), 1e-12);
    }
    EXPECT_EQ(runToyAdaRound(p, s).finalH, r.finalH) << "deterministic";
}

TEST(ToyAdaRound, ASymmetricStartStaysSymmetric)
{
    // Equal weights under a symmetric H: both V see the same gradient, so h1 = h2
    // forever and AdaRound cannot pick one of the two equal optimal corners.
    const QuadraticRounding p{{0.4, 0.4}, {1, 0.5, 0.5, 1}};
    const ToyResult r = runToyAdaRound(p);
    EXPECT_EQ(r.finalH[0], r.finalH[1]);
    EXPECT_TRUE(r.corner.bits == 0u || r.corner.bits == 3u);
    EXPECT_GT(r.corner.loss, optimalCorner(p).loss + 0.1);
}

TEST(ToyAdaRound, InvalidSettingsAreErrors)
{
    const QuadraticRounding p = QuadraticRounding::paperExample();
    ToySettings s;
    s.betaEnd = 30;
    EXPECT_THROW(runToyAdaRound(p, s), Error);
    s = {};
    s.iterations = 0;
    EXPECT_THROW(runToyAdaRound(p, s), Error);
}

// n weights: random PSD H and positions. AdaRound is a heuristic: it reaches
// the enumerated optimum on part of the seeds and nearly always beats nearest.
// The floors are the counts measured at the defaults (see docs/teaching.md),
// less a small margin for floating-point differences between machines.
TEST(ToyAdaRound, NWeightsAgainstTheEnumeratedOptimum)
{
    struct Floor {
        int n, optimum, notWorseThanNearest;
    };
    for (const Floor f : {Floor{2, 40, 48}, Floor{4, 33, 46}, Floor{8, 27, 46}, Floor{12, 17, 43}}) {
        int optimum = 0, notWorse = 0, nearestOptimal = 0;
        double ratio = 0;
        for (uint64_t seed = 0; seed < 50; ++seed) {
            const QuadraticRounding p = randomProblem(f.n, seed);
            const Corner best = optimalCorner(p), nearest = nearestCorner(p);
            const ToyResult r = runToyAdaRound(p);
            EXPECT_GE(r.corner.loss, best.loss - 1e-12);
            optimum += r.corner.bits == best.bits;
            notWorse += r.corner.loss <= nearest.loss + 1e-12;
            nearestOptimal += nearest.bits == best.bits;
            ratio += r.corner.loss / best.loss;
        }
        std::printf("n = %2d: AdaRound optimal on %d/50 seeds, not worse than nearest on %d/50, nearest optimal on "
                    "%d/50, mean loss / optimum %.3f\n",
                    f.n, optimum, notWorse, nearestOptimal, ratio / 50);
        EXPECT_GE(optimum, f.optimum) << "n = " << f.n;
        EXPECT_GE(notWorse, f.notWorseThanNearest) << "n = " << f.n;
        EXPECT_GT(optimum, nearestOptimal) << "AdaRound finds the optimum more often than nearest";
    }
}

TEST(ToyAdaRound, RandomProblemsAreSeededAndPositiveDefinite)
{
    const QuadraticRounding a = randomProblem(6, 7), b = randomProblem(6, 7), c = randomProblem(6, 8);
    EXPECT_EQ(a.w, b.w);
    EXPECT_EQ(a.h, b.h);
    EXPECT_NE(a.w, c.w);
    EXPECT_NO_THROW(a.validate());
    EXPECT_GE(symmetricEigenvalues(a.h, 6).front(), 0.05 - 1e-9);
}
