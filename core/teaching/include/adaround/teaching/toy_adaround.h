#pragma once
// AdaRound on a quadratic rounding problem, as the engine runs it on a layer
// (core/engine/src/layer_optimizer.cpp, rounding_state.cpp) but in double
// precision on n <= 12 weights:
//   w~ = floor(w) + h(V),  h(V) = clip(sigmoid(V) (zeta - gamma) + gamma, 0, 1)
//   loss = (w~ - w)^T H (w~ - w) + lambda sum_i (1 - |2 h(V_i) - 1|^beta)
// zeta = 1.1, gamma = -0.1, V initialised so that h(V) is the fractional part
// of w, the regulariser off during the warm-up, beta annealed by the engine's
// AnnealingSchedule, Adam on V, hard rounding up where h(V) >= 0.5.
#include "adaround/adaround_config.h"
#include "adaround/rounding_relaxation.h"
#include "adaround/teaching/quadratic_rounding.h"

#include <vector>

namespace adaround::teaching {

// h(V), f_reg and the constants are adaround/rounding_relaxation.h's, as the engine's.
using adaround::rectifiedSigmoid;
using adaround::roundingRegulariser;
double startingV(double fraction); // V with h(V) = FRACTION, clamped 1e-6 from the ends as the engine starts it

// Scaled to this problem, not to a layer: H has entries of order 1, so the
// loss of a corner is of order 0.1 to 1 per weight (a layer's rec is summed
// over thousands of weights and uses lambda = 0.01 and lr = 1e-3).
struct ToySettings {
    double lambda = 0.2;
    double betaStart = 20;
    double betaEnd = 2;
    double warmup = 0.2;
    BetaSchedule schedule = BetaSchedule::Linear;
    double learningRate = 0.05;
    int iterations = 1000;
    int recordEvery = 5; // path points: every k iterations, plus the start and the end

    AnnealingSchedule annealing() const { return {iterations, warmup, betaStart, betaEnd, schedule}; }
    void validate() const; // throws adaround::Error naming the bad setting
};

// One point of the path: after ITERATION steps (0 = the start).
struct ToyStep {
    int iteration = 0;
    std::vector<double> h; // h(V_i)
    double rec = 0;        // (w~ - w)^T H (w~ - w)
    double reg = 0;        // lambda sum (1 - |2h - 1|^beta); 0 in the warm-up
    double beta = 0;       // beta at this iteration
};

struct ToyResult {
    std::vector<ToyStep> path;
    std::vector<double> finalH;
    Corner corner;      // hard rounding of finalH: up where h >= 0.5
    int settled = 0;    // weights with h within 0.01 of 0 or 1 at the end
};

// Throws adaround::Error on an invalid problem or settings.
ToyResult runToyAdaRound(const QuadraticRounding& problem, const ToySettings& settings = {});

} // namespace adaround::teaching
