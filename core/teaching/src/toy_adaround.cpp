#include "adaround/teaching/toy_adaround.h"

#include "adaround/error.h"

#include <algorithm>
#include <cmath>

namespace adaround::teaching {

double startingV(double fraction)
{
    return inverseRectifiedSigmoid(std::clamp(fraction, 1e-6, 1.0 - 1e-6)); // as the engine's initialisation
}

void ToySettings::validate() const
{
    if (!(lambda >= 0) || !std::isfinite(lambda))
        throw Error("lambda must be a number >= 0");
    if (!(betaEnd > 0) || betaEnd > betaStart || !std::isfinite(betaStart))
        throw Error("beta must fall from its start to an end > 0 (start " + std::to_string(betaStart) + ", end " +
                    std::to_string(betaEnd) + ")");
    if (!(warmup >= 0 && warmup < 1))
        throw Error("the warm-up is a fraction of the iterations in [0, 1)");
    if (!(learningRate > 0) || !std::isfinite(learningRate))
        throw Error("the learning rate must be > 0");
    if (iterations < 1 || iterations > 1000000)
        throw Error("iterations must be 1 to 1,000,000");
    if (recordEvery < 1)
        throw Error("the path is recorded every 1 or more iterations");
}

ToyResult runToyAdaRound(const QuadraticRounding& p, const ToySettings& s)
{
    p.validate();
    s.validate();
    const size_t n = p.w.size();
    const AnnealingSchedule schedule = s.annealing();
    std::vector<double> floorW(n), v(n), h(n), dw(n);
    for (size_t i = 0; i < n; ++i) {
        floorW[i] = std::floor(p.w[i]);
        v[i] = startingV(p.w[i] - floorW[i]);
    }
    // Adam as torch::optim::Adam and the engine's fused path (betas 0.9, 0.999, eps 1e-8).
    constexpr double b1 = 0.9, b2 = 0.999, eps = 1e-8;
    std::vector<double> m1(n, 0.0), m2(n, 0.0), grad(n);
    ToyResult result;

    auto evaluate = [&](int iteration, bool regularised, double beta) {
        ToyStep step;
        step.iteration = iteration;
        for (size_t i = 0; i < n; ++i) {
            h[i] = rectifiedSigmoid(v[i]);
            dw[i] = floorW[i] + h[i] - p.w[i];
        }
        step.h = h;
        step.rec = quadraticLoss(p, dw);
        step.beta = beta;
        if (regularised)
            for (size_t i = 0; i < n; ++i)
                step.reg += s.lambda * roundingRegulariser(h[i], beta);
        return step;
    };

    for (int it = 0; it < s.iterations; ++it) {
        const double beta = schedule.beta(it);
        const bool regularised = schedule.regularised(it) && s.lambda > 0;
        const ToyStep now = evaluate(it, regularised, beta);
        if (it % s.recordEvery == 0)
            result.path.push_back(now);
        for (size_t i = 0; i < n; ++i) {
            const double sig = 1.0 / (1.0 + std::exp(-v[i]));
            const double raw = sig * (kRelaxationZeta - kRelaxationGamma) + kRelaxationGamma;
            const double dhdv = (raw > 0 && raw < 1) ? (kRelaxationZeta - kRelaxationGamma) * sig * (1 - sig) : 0.0;
            double dLdh = 0; // d rec / d h_i = 2 (H dw)_i
            for (size_t j = 0; j < n; ++j)
                dLdh += 2.0 * p.hAt(int(i), int(j)) * dw[j];
            if (regularised) {
                const double u = 2.0 * h[i] - 1.0;
                const double sign = u > 0 ? 1.0 : (u < 0 ? -1.0 : 0.0);
                dLdh -= s.lambda * beta * std::pow(std::abs(u), beta - 1.0) * 2.0 * sign;
            }
            grad[i] = dLdh * dhdv;
        }
        const double c1 = 1.0 - std::pow(b1, it + 1), c2 = 1.0 - std::pow(b2, it + 1);
        for (size_t i = 0; i < n; ++i) {
            m1[i] = b1 * m1[i] + (1 - b1) * grad[i];
            m2[i] = b2 * m2[i] + (1 - b2) * grad[i] * grad[i];
            const double denom = std::sqrt(m2[i]) / std::sqrt(c2) + eps;
            v[i] -= s.learningRate / c1 * m1[i] / denom;
        }
    }
    const int last = s.iterations;
    const ToyStep end = evaluate(last, schedule.regularised(last - 1) && s.lambda > 0, schedule.beta(last - 1));
    result.path.push_back(end);
    result.finalH = end.h;
    uint32_t bits = 0;
    for (size_t i = 0; i < n; ++i) {
        if (end.h[i] >= 0.5)
            bits |= 1u << i;
        if (end.h[i] < 0.01 || end.h[i] > 0.99)
            ++result.settled;
    }
    result.corner = {bits, lossAt(p, cornerPosition(p, bits))};
    return result;
}

} // namespace adaround::teaching
