#pragma once
// The continuous relaxation AdaRound optimises, defined once: the rectified
// sigmoid h(V) and its stretch constants (ζ, γ; Louizos et al. 2018, as the
// paper), and the rounding regulariser f_reg(h) = 1 - |2h - 1|^β. The engine
// (in float, vectorised) and the teaching views (plotting) both use these.
// Below them, the variants the ablation compares (Relaxation in
// adaround_config.h): a sigmoid with an annealed temperature, and the
// straight-through estimator. Each h comes with its dh/dV.
#include <algorithm>
#include <cmath>

namespace adaround {

// h(V) = clip(σ(V)(ζ - γ) + γ, 0, 1): the stretch past [0, 1] lets h reach
// exactly 0 and 1 with a finite V (a plain sigmoid never does).
inline constexpr double kRelaxationZeta = 1.1;
inline constexpr double kRelaxationGamma = -0.1;

inline double sigmoid(double v)
{
    return 1.0 / (1.0 + std::exp(-v));
}

inline double rectifiedSigmoid(double v)
{
    return std::clamp(sigmoid(v) * (kRelaxationZeta - kRelaxationGamma) + kRelaxationGamma, 0.0, 1.0);
}

// The V whose h(V) is H, for H strictly inside (0, 1) (the engine starts V
// there, at the weight's fractional part).
inline double inverseRectifiedSigmoid(double h)
{
    return -std::log((kRelaxationZeta - kRelaxationGamma) / (h - kRelaxationGamma) - 1.0);
}

// dh/dV of the rectified sigmoid: (ζ - γ) σ(V)(1 - σ(V)) inside the clip, 0 where it clips.
inline double rectifiedSigmoidGradient(double v)
{
    const double raw = sigmoid(v) * (kRelaxationZeta - kRelaxationGamma) + kRelaxationGamma;
    return raw > 0.0 && raw < 1.0 ? (kRelaxationZeta - kRelaxationGamma) * sigmoid(v) * (1.0 - sigmoid(v)) : 0.0;
}

// sigmoid-temperature: h = σ(V / T), no regulariser; T falls from 1 (where h
// is σ(V), started at the fractional part) to kTemperatureEnd, geometrically
// along the β schedule's progress (warm-up at T = 1, then linear or cosine),
// so at the end h is within 0.01 of 0 or 1 for |V| > 0.046.
inline constexpr double kTemperatureStart = 1.0;
inline constexpr double kTemperatureEnd = 0.01;

inline double annealedTemperature(double progress)
{
    return kTemperatureStart * std::pow(kTemperatureEnd / kTemperatureStart, std::clamp(progress, 0.0, 1.0));
}

inline double temperatureSigmoid(double v, double temperature)
{
    return sigmoid(v / temperature);
}

inline double temperatureSigmoidGradient(double v, double temperature)
{
    const double s = sigmoid(v / temperature);
    return s * (1.0 - s) / temperature;
}

// The V whose σ(V) is H (sigmoid-temperature starts there, at T = 1).
inline double inverseSigmoid(double h)
{
    return std::log(h / (1.0 - h));
}

// ste: the forward pass rounds hard (up where the rectified sigmoid's h ≥ 0.5),
// the backward pass takes that soft h's gradient (rectifiedSigmoidGradient) as
// if the rounding were the identity. No regulariser.
inline double straightThroughH(double softH)
{
    return softH >= 0.5 ? 1.0 : 0.0;
}

// The rounding regulariser of one weight: 0 at h = 0 or 1, 1 at h = 0.5; a
// high β is flat except near 0 and 1 (it only pushes values already close), a
// low β pushes every value.
inline double roundingRegulariser(double h, double beta)
{
    return 1.0 - std::pow(std::abs(2.0 * h - 1.0), beta);
}

} // namespace adaround
