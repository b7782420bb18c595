// The teaching toy against the real engine: the quadratic rounding problem
// min dw^T H dw is AdaRound on a Linear layer with one output whose inputs X
// have X^T X / N = H, on a grid of scale 1 (so W/s are the toy's positions),
// without an activation, with the exact (second-moment) objective. The engine's
// adaround::solveLayer must reach the corner the toy's runToyAdaRound reaches.
#include "adaround/layer_problem.h"
#include "adaround/teaching/random_problem.h"
#include "adaround/teaching/toy_adaround.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

using namespace adaround;
using namespace adaround::teaching;

namespace {

// Lower-triangular L with L L^T = H (H positive definite here).
std::vector<double> cholesky(const QuadraticRounding& p)
{
    const int n = p.size();
    std::vector<double> l(size_t(n * n), 0.0);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j <= i; ++j) {
            double sum = p.hAt(i, j);
            for (int k = 0; k < j; ++k)
                sum -= l[size_t(i * n + k)] * l[size_t(j * n + k)];
            l[size_t(i * n + j)] = i == j ? std::sqrt(sum) : sum / l[size_t(j * n + j)];
        }
    return l;
}

// The toy as a layer: X's rows are sqrt(n) L^T's rows (so X^T X = n L L^T),
// repeated to fill a batch; weights W = w at scale 1, zero-point 128 at 8 bits.
LayerProblem asLayer(const QuadraticRounding& p, int repeats)
{
    const int n = p.size();
    const std::vector<double> l = cholesky(p);
    LayerProblem layer;
    layer.info.name = "toy";
    layer.info.kind = LayerKind::Linear;
    layer.weight.shape = {1, n};
    for (double x : p.w)
        layer.weight.values.push_back(float(x));
    layer.inputFp.shape = {int64_t(n) * repeats, n};
    for (int r = 0; r < repeats; ++r)
        for (int row = 0; row < n; ++row)     // row of L^T = column of L
            for (int col = 0; col < n; ++col) // (L^T)[row][col] = L[col][row]
                layer.inputFp.values.push_back(float(std::sqrt(double(n)) * l[size_t(col * n + row)]));
    layer.inputQ = layer.inputFp;
    layer.grid.bits = 8;
    layer.grid.scale = {1.0f};
    layer.grid.zeroPoint = {128.0f};
    return layer;
}

AdaRoundConfig engineConfig(const ToySettings& s, int samples)
{
    AdaRoundConfig c;
    c.iterations = s.iterations;
    c.learningRate = s.learningRate;
    c.lambda = s.lambda;
    c.betaStart = s.betaStart;
    c.betaEnd = s.betaEnd;
    c.warmup = s.warmup;
    c.schedule = s.schedule;
    c.objective = Objective::Exact;
    c.batchSize = samples;
    c.calibSize = samples;
    c.statsInterval = 1;
    return c;
}

struct StatsRecorder : RunObserver {
    std::vector<IterationStats> stats;
    void onEvent(const RunEvent& e) override
    {
        if (const auto* s = std::get_if<IterationStats>(&e))
            stats.push_back(*s);
    }
};

void expectSameCorner(const QuadraticRounding& p, const char* what)
{
    const ToySettings s;
    const ToyResult toy = runToyAdaRound(p, s);
    const int repeats = 32;
    StatsRecorder events;
    const LayerSolution engine = solveLayer(asLayer(p, repeats), engineConfig(s, p.size() * repeats), &events);
    uint32_t bits = 0;
    for (int i = 0; i < p.size(); ++i) {
        const double up = double(engine.weight.values[size_t(i)]) - std::floor(p.w[size_t(i)]);
        ASSERT_TRUE(up == 0.0 || up == 1.0) << "weight " << i << " is on a corner";
        bits |= uint32_t(up) << i;
    }
    std::printf("%s: toy corner %u (loss %.4f), engine corner %u (kept RTN: %s), optimum %u, nearest %u\n", what,
                toy.corner.bits, toy.corner.loss, bits, engine.summary.keptRtn ? "yes" : "no",
                optimalCorner(p).bits, nearestCorner(p).bits);
    EXPECT_FALSE(engine.summary.keptRtn) << what;
    EXPECT_EQ(bits, toy.corner.bits) << what;
    // The engine's rec is the same quadratic form: compare along the path (its
    // statistics at iteration k are of the weights the k-th step started from).
    // Where an h snaps to 0 or 1 within a few steps, float32 (engine) and
    // double (toy) part for those steps: most points, and the end, agree.
    ASSERT_EQ(events.stats.size(), size_t(s.iterations));
    int compared = 0, agreeing = 0;
    for (const IterationStats& e : events.stats)
        if ((e.iteration - 1) % s.recordEvery == 0) {
            const ToyStep& step = toy.path[size_t((e.iteration - 1) / s.recordEvery)];
            ++compared;
            agreeing += std::abs(e.recLoss - step.rec) <= 1e-4 + 0.02 * step.rec;
        }
    std::printf("  rec along the path: %d of %d points within 2%%\n", agreeing, compared);
    EXPECT_GE(agreeing, compared * 9 / 10) << what; // measured: 186 to 199 of 200
    EXPECT_NEAR(engine.summary.recMseHard, toy.corner.loss, 1e-4 + 1e-3 * toy.corner.loss) << what;
}

} // namespace

TEST(ToyAgainstEngine, PaperExampleReachesTheSameCorner)
{
    expectSameCorner(QuadraticRounding::paperExample(), "paper example");
}

TEST(ToyAgainstEngine, RandomProblemsReachTheSameCorner)
{
    for (const auto& [n, seed] : std::vector<std::pair<int, uint64_t>>{{2, 1}, {4, 2}, {8, 3}, {12, 4}}) {
        const std::string what = "n = " + std::to_string(n) + ", seed " + std::to_string(seed);
        expectSameCorner(randomProblem(n, seed), what.c_str());
    }
}
