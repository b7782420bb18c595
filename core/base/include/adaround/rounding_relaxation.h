#pragma once
// The continuous relaxation AdaRound optimises, defined once: the rectified
// sigmoid h(V) and its stretch constants (ζ, γ; Louizos et al. 2018, as the
// paper), and the rounding regulariser f_reg(h) = 1 - |2h - 1|^β. The engine
// (in float, vectorised) and the teaching views (plotting) both use these.
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

// The rounding regulariser of one weight: 0 at h = 0 or 1, 1 at h = 0.5; a
// high β is flat except near 0 and 1 (it only pushes values already close), a
// low β pushes every value.
inline double roundingRegulariser(double h, double beta)
{
    return 1.0 - std::pow(std::abs(2.0 * h - 1.0), beta);
}

} // namespace adaround
