#include "adaround/adaround_config.h"

#include "adaround/error.h"

#include <cmath>

namespace adaround {

void AdaRoundConfig::validate() const
{
    auto fail = [](const std::string& what) { throw Error("invalid setting: " + what); };
    if (iterations < 1)
        fail("iterations must be at least 1, got " + std::to_string(iterations));
    if (batchSize < 1)
        fail("batch size must be at least 1, got " + std::to_string(batchSize));
    if (calibSize < 1)
        fail("calibration size must be at least 1, got " + std::to_string(calibSize));
    if (calibSize < batchSize)
        fail("calibration size " + std::to_string(calibSize) + " is smaller than the batch size " +
             std::to_string(batchSize));
    if (!(learningRate > 0) || !std::isfinite(learningRate))
        fail("learning rate must be positive");
    if (!(lambda >= 0) || !std::isfinite(lambda))
        fail("lambda must be >= 0, got " + std::to_string(lambda));
    if (!(betaEnd > 0) || !std::isfinite(betaStart))
        fail("beta values must be positive");
    if (betaEnd > betaStart)
        fail("beta end (" + std::to_string(betaEnd) + ") must not exceed beta start (" +
             std::to_string(betaStart) + ")");
    if (!(warmup >= 0 && warmup < 1))
        fail("warm-up must be in [0, 1), got " + std::to_string(warmup));
    if (actBits != 0 && (actBits < 2 || actBits > 16))
        fail("activation bits must be 0 (off) or 2-16, got " + std::to_string(actBits));
    if (evalSubset < 0)
        fail("eval subset must be >= 0");
    if (statsInterval < 1 || histogramInterval < 1 || histogramBins < 2)
        fail("statistics intervals must be >= 1 and histogram bins >= 2");
    validateBits(bits.defaultBits);
}

std::string toString(BetaSchedule s)
{
    return s == BetaSchedule::Cosine ? "cosine" : "linear";
}

std::string toString(Objective o)
{
    return o == Objective::Exact ? "exact" : "paper";
}

BetaSchedule parseSchedule(const std::string& s)
{
    if (s == "linear")
        return BetaSchedule::Linear;
    if (s == "cosine")
        return BetaSchedule::Cosine;
    throw Error("unknown schedule '" + s + "' (linear or cosine)");
}

Objective parseObjective(const std::string& s)
{
    if (s == "paper")
        return Objective::Paper;
    if (s == "exact")
        return Objective::Exact;
    throw Error("unknown objective '" + s + "' (paper or exact)");
}

bool AnnealingSchedule::regularised(int iteration) const
{
    return iteration >= int(warmup * iterations);
}

double AnnealingSchedule::beta(int iteration) const
{
    const int start = int(warmup * iterations);
    if (iteration < start)
        return betaStart;
    const double span = std::max(1, iterations - start);
    const double t = std::min(1.0, double(iteration - start) / span);
    if (shape == BetaSchedule::Cosine)
        return betaEnd + 0.5 * (betaStart - betaEnd) * (1.0 + std::cos(t * M_PI));
    return betaEnd + (betaStart - betaEnd) * (1.0 - t);
}

} // namespace adaround
