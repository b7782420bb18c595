#pragma once
// Single-layer AdaRound problems whose answer is known or checkable: the
// exhaustively enumerable toy (the paper's correlated-input example), its
// settings, and a small conv layer; observers that keep the stats.
#include "adaround/layer_problem.h"
#include "test_support.h"

#include <cmath>
#include <random>

namespace testsupport {

using namespace adaround;


// 2 output channels x 6 inputs = 12 weights at 4 bits: all 4,096 roundings can be tried.
// Inputs come in pairs with covariance H = [[1, .5], [.5, 1]] (paper, sec. 2).
inline LayerProblem toyProblem(uint32_t seed)
{
    LayerProblem p;
    p.info.name = "toy";
    p.info.kind = LayerKind::Linear;
    p.weight.shape = {2, 6};
    std::mt19937 gen(seed);
    std::normal_distribution<float> normal;
    for (int i = 0; i < 12; ++i)
        p.weight.values.push_back(0.5f * normal(gen));
    const int n = 1024;
    p.inputFp.shape = {n, 6};
    const float c = std::sqrt(0.75f); // Cholesky of H: x2 = .5 z1 + sqrt(.75) z2
    for (int s = 0; s < n; ++s)
        for (int pair = 0; pair < 3; ++pair) {
            const float z1 = normal(gen), z2 = normal(gen);
            p.inputFp.values.push_back(z1);
            p.inputFp.values.push_back(0.5f * z1 + c * z2);
        }
    p.inputQ = p.inputFp;
    p.grid = fitGrid(p.weight, {4, true, false});
    return p;
}

// Mean squared output error of weight Q on the toy data (no activation).
inline double outputMse(const LayerProblem& p, const std::vector<float>& q)
{
    double sum = 0;
    const int64_t n = p.inputFp.shape[0];
    for (int64_t s = 0; s < n; ++s)
        for (int o = 0; o < 2; ++o) {
            double d = 0;
            for (int i = 0; i < 6; ++i)
                d += double(q[size_t(o * 6 + i)] - p.weight.values[size_t(o * 6 + i)]) *
                     p.inputFp.values[size_t(s * 6 + i)];
            sum += d * d;
        }
    return sum / double(n * 2);
}

inline double bestOfAllRoundings(const LayerProblem& p)
{
    double best = 1e30;
    std::vector<float> q(12);
    for (int mask = 0; mask < (1 << 12); ++mask) {
        for (int i = 0; i < 12; ++i) {
            const int ch = i / 6;
            const float s = p.grid.scale[size_t(ch)], z = p.grid.zeroPoint[size_t(ch)];
            const float level = std::floor(p.weight.values[size_t(i)] / s) + ((mask >> i) & 1) + z;
            q[size_t(i)] = s * (std::min(std::max(level, 0.f), p.grid.qmax()) - z);
        }
        best = std::min(best, outputMse(p, q));
    }
    return best;
}

inline AdaRoundConfig toyConfig()
{
    AdaRoundConfig c;
    c.iterations = 3000;
    c.learningRate = 1e-2; // a toy has few weights; the paper's 1e-3 needs its 10k iterations
    return c;
}

struct SettlingRecorder : RunObserver {
    std::vector<HistogramSnapshot> snapshots;
    void onEvent(const RunEvent& e) override
    {
        if (const auto* h = std::get_if<HistogramSnapshot>(&e))
            snapshots.push_back(*h);
    }
};



struct LossRecorder : RunObserver {
    std::vector<IterationStats> stats;
    void onEvent(const RunEvent& e) override
    {
        if (const auto* s = std::get_if<IterationStats>(&e))
            stats.push_back(*s);
    }
};

inline LayerProblem convProblem(Activation act, int64_t groups)
{
    LayerProblem p;
    p.info.name = "conv";
    p.info.kind = LayerKind::Conv2d;
    p.info.groups = groups;
    p.info.stride = {1, 1};
    p.info.padding = {1, 1};
    p.info.dilation = {1, 1};
    p.info.activation = act;
    std::mt19937 gen(9);
    std::normal_distribution<float> normal;
    p.weight.shape = {8, 8 / groups, 3, 3};
    for (int64_t i = 0; i < p.weight.numel(); ++i)
        p.weight.values.push_back(0.2f * normal(gen));
    p.bias.shape = {8};
    for (int i = 0; i < 8; ++i)
        p.bias.values.push_back(0.1f * normal(gen));
    p.inputFp.shape = {64, 8, 6, 6};
    for (int64_t i = 0; i < p.inputFp.numel(); ++i)
        p.inputFp.values.push_back(std::max(0.f, normal(gen)));
    p.inputQ = p.inputFp;
    for (float& v : p.inputQ.values)
        v += 0.05f * normal(gen); // x^ differs from x, as after quantized layers
    p.grid = fitGrid(p.weight, {3, true, false});
    return p;
}


} // namespace testsupport
