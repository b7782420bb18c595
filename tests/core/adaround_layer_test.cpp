// AdaRound on single layers whose answer is known: an exhaustively enumerable
// toy (the paper's correlated-input example), settling of h(V), determinism,
// the keep-RTN fallback, validation of the knobs, and the objective `auto` picks.
#include "adaround/error.h"
#include "adaround/layer_problem.h"
#include "layer_problems.h"
#include "test_support.h"

#include <cmath>
#include <random>

using namespace adaround;
using namespace testsupport;

TEST(AdaRoundLayer, ToyMatchesExhaustiveOptimumAndBeatsNearest)
{
    int improved = 0;
    for (uint32_t seed = 1; seed <= 12; ++seed) {
        const LayerProblem p = toyProblem(seed);
        const LayerSolution s = solveLayer(p, toyConfig());
        const double ada = outputMse(p, s.weight.values);
        const double rtn = outputMse(p, s.rtnWeight.values);
        const double best = bestOfAllRoundings(p);
        std::cout << "seed " << seed << ": RTN " << rtn << ", AdaRound " << ada << ", optimum " << best << "\n";
        EXPECT_LE(ada, rtn * (1 + 1e-9));
        EXPECT_LE(ada, best * 1.01) << "within 1% of the exhaustive optimum";
        improved += ada < rtn * 0.99;
        const double reported = s.summary.keptRtn ? s.summary.recMseRtn : s.summary.recMseHard;
        EXPECT_NEAR(reported, ada, 1e-6 + 1e-3 * ada);
    }
    EXPECT_GE(improved, 3) << "on several seeds nearest is not optimal and AdaRound must find better";
}

TEST(AdaRoundLayer, HSettlesThroughTheRegularisedPhase)
{
    const LayerProblem p = toyProblem(4);
    AdaRoundConfig c = toyConfig();
    c.histogramInterval = 100;
    SettlingRecorder rec;
    const LayerSolution s = solveLayer(p, c, &rec);
    ASSERT_GE(rec.snapshots.size(), 30u);
    const int warmupEnd = int(c.warmup * c.iterations);
    double atWarmupEnd = -1;
    for (const auto& h : rec.snapshots)
        if (h.iteration == warmupEnd)
            atWarmupEnd = h.settledShare;
    ASSERT_GE(atWarmupEnd, 0);
    EXPECT_LT(atWarmupEnd, 0.5);
    EXPECT_GT(rec.snapshots.back().settledShare, 0.9);
    EXPECT_EQ(rec.snapshots.back().iteration, c.iterations);
    int64_t total = 0;
    for (int64_t k : rec.snapshots.back().counts)
        total += k;
    EXPECT_EQ(total, 12);
    EXPECT_EQ(rec.snapshots.back().counts.size(), size_t(c.histogramBins));
    EXPECT_NEAR(s.summary.settledShare, rec.snapshots.back().settledShare, 1e-9);
}

TEST(AdaRoundLayer, SameSeedSameRounding)
{
    const LayerProblem p = toyProblem(5);
    AdaRoundConfig c = toyConfig();
    c.iterations = 500;
    const LayerSolution a = solveLayer(p, c), b = solveLayer(p, c);
    EXPECT_EQ(a.weight.values, b.weight.values);
    EXPECT_EQ(a.summary.recMseSoft, b.summary.recMseSoft);
}

TEST(AdaRoundLayer, KeepsNearestWhenHardRoundingIsWorse)
{
    // A wild learning rate and no time to settle: the hard rounding is noise.
    const LayerProblem p = toyProblem(6);
    AdaRoundConfig c;
    c.iterations = 3;
    c.learningRate = 50.0;
    c.warmup = 0.0;
    const LayerSolution s = solveLayer(p, c);
    ASSERT_TRUE(s.summary.keptRtn) << "hard " << s.summary.recMseHard << " vs RTN " << s.summary.recMseRtn;
    EXPECT_GT(s.summary.recMseHard, s.summary.recMseRtn);
    EXPECT_EQ(s.weight.values, s.rtnWeight.values);
}

TEST(AdaRoundLayer, InvalidKnobsAreErrors)
{
    const LayerProblem p = toyProblem(7);
    auto with = [&](auto change) {
        AdaRoundConfig c;
        change(c);
        return c;
    };
    EXPECT_ERROR_CONTAINS(solveLayer(p, with([](AdaRoundConfig& c) { c.iterations = 0; })), "iterations");
    EXPECT_ERROR_CONTAINS(solveLayer(p, with([](AdaRoundConfig& c) { c.lambda = -1; })), "lambda");
    EXPECT_ERROR_CONTAINS(solveLayer(p, with([](AdaRoundConfig& c) { c.betaEnd = 30; })), "beta end");
    EXPECT_ERROR_CONTAINS(solveLayer(p, with([](AdaRoundConfig& c) { c.warmup = 1.0; })), "warmup must be between 0 and 0.999");
    EXPECT_ERROR_CONTAINS(solveLayer(p, with([](AdaRoundConfig& c) { c.batchSize = 4096; c.calibSize = 4096; })),
                          "batch size");
}


TEST(AdaRoundLayer, FusedPathMatchesAutogradReference)
{
    const LayerProblem problems[] = {toyProblem(8), convProblem(Activation::ReLU, 1), convProblem(Activation::ReLU6, 8),
                                     convProblem(Activation::None, 2)};
    for (const LayerProblem& p : problems) {
        for (Objective objective : {Objective::Paper, Objective::Exact}) {
            AdaRoundConfig c;
            c.iterations = 300;
            c.statsInterval = 10;
            c.batchSize = 16;
            c.learningRate = 1e-2;
            c.objective = objective;
            LossRecorder fused, reference;
            const LayerSolution a = solveLayer(p, c, &fused);
            c.fusedKernels = false;
            const LayerSolution b = solveLayer(p, c, &reference);
            ASSERT_EQ(fused.stats.size(), reference.stats.size());
            for (size_t i = 0; i < fused.stats.size(); ++i) {
                EXPECT_NEAR(fused.stats[i].recLoss, reference.stats[i].recLoss,
                            1e-3 * std::fabs(reference.stats[i].recLoss) + 1e-6)
                    << p.info.name << " " << toString(objective) << " iteration " << fused.stats[i].iteration;
                EXPECT_NEAR(fused.stats[i].roundLoss, reference.stats[i].roundLoss,
                            1e-3 * reference.stats[i].roundLoss + 1e-6);
            }
            size_t differ = 0;
            for (size_t i = 0; i < a.weight.values.size(); ++i)
                differ += a.weight.values[i] != b.weight.values[i];
            EXPECT_LE(differ, a.weight.values.size() / 50) << p.info.name << " " << toString(objective);
        }
    }
}

TEST(AdaRoundLayer, AutoRunsTheObjectiveItChoseAndReportsIt)
{
    // 8 -> 8 3x3 on 6x6, 64 samples: the exact form's moments pay after a few hundred steps.
    struct Case {
        Activation act;
        int iterations;
        Objective expected;
    };
    for (const Case& k : {Case{Activation::None, 1000, Objective::Exact}, Case{Activation::None, 50, Objective::Paper},
                          Case{Activation::ReLU, 1000, Objective::Paper}}) {
        const LayerProblem p = convProblem(k.act, 1);
        AdaRoundConfig c;
        c.iterations = k.iterations;
        c.batchSize = 16;
        c.objective = Objective::Auto;
        const LayerSolution automatic = solveLayer(p, c);
        EXPECT_EQ(automatic.summary.objective, k.expected) << k.iterations;
        c.objective = k.expected;
        const LayerSolution fixed = solveLayer(p, c);
        EXPECT_EQ(fixed.summary.objective, k.expected);
        EXPECT_EQ(automatic.weight.values, fixed.weight.values) << k.iterations;
        EXPECT_EQ(automatic.summary.recMseSoft, fixed.summary.recMseSoft);
    }
}

TEST(AnnealingSchedule, LinearAndCosineDecayAfterWarmup)
{
    AnnealingSchedule s{1000, 0.2, 20, 2, BetaSchedule::Linear};
    EXPECT_FALSE(s.regularised(199));
    EXPECT_TRUE(s.regularised(200));
    EXPECT_DOUBLE_EQ(s.beta(0), 20);
    EXPECT_DOUBLE_EQ(s.beta(200), 20);
    EXPECT_DOUBLE_EQ(s.beta(600), 11);
    EXPECT_DOUBLE_EQ(s.beta(1000), 2);
    s.shape = BetaSchedule::Cosine;
    EXPECT_NEAR(s.beta(600), 11, 1e-9); // cosine crosses the midpoint halfway too
    EXPECT_GT(s.beta(300), 20 - (20 - 2) * 0.125); // but starts slower
    EXPECT_NEAR(s.beta(1000), 2, 1e-9);
}
