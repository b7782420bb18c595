#include "adaround/adaround_config.h"

#include "adaround/class_list.h"
#include "adaround/error.h"
#include "adaround/knobs.h"
#include "adaround/layer_overrides.h"

#include <cmath>

namespace adaround {

void AdaRoundConfig::validate() const
{
    auto fail = [](const std::string& what) { throw Error("invalid setting: " + what); };
    // Every knob against its range in the table, then what ties knobs together.
    for (const Knob& k : knobTable()) {
        try {
            checkKnobValue(k, k.get(*this));
        } catch (const Error& e) {
            fail(e.what());
        }
    }
    if (calibSize < batchSize)
        fail("calibration size " + std::to_string(calibSize) + " is smaller than the batch size " +
             std::to_string(batchSize));
    if (betaEnd > betaStart)
        fail("beta end (" + formatKnobValue(betaEnd) + ") must not exceed beta start (" + formatKnobValue(betaStart) +
             ")");
    for (const auto& [name, b] : bits.overrides)
        if (b != 0 && (b < 2 || b > 8))
            fail("bits for layer " + name + " must be between 2 and 8, got " + std::to_string(b));
    try {
        checkClassNames(classNames, "classes");
    } catch (const Error& e) {
        fail(e.what());
    }
    checkLayerOverrides(*this);
}

std::string toString(BetaSchedule s)
{
    return s == BetaSchedule::Cosine ? "cosine" : "linear";
}

const std::vector<std::string>& objectiveNames()
{
    static const std::vector<std::string> names = {"paper", "exact", "auto"}; // in enum order
    return names;
}

std::string toString(Objective o)
{
    return objectiveNames().at(size_t(o));
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
    const auto& names = objectiveNames();
    for (size_t i = 0; i < names.size(); ++i)
        if (s == names[i])
            return Objective(i);
    throw Error("unknown objective '" + s + "' (paper, exact or auto)");
}

namespace {

template <class E>
E parseChoice(const std::vector<std::string>& names, const std::string& s, const char* what)
{
    for (size_t i = 0; i < names.size(); ++i)
        if (s == names[i])
            return E(i);
    std::string list;
    for (size_t i = 0; i < names.size(); ++i)
        list += (i == 0 ? "" : i + 1 == names.size() ? " or " : ", ") + names[i];
    throw Error(std::string("unknown ") + what + " '" + s + "' (" + list + ")");
}

} // namespace

const std::vector<std::string>& reconInputNames()
{
    static const std::vector<std::string> names = {"quantized", "float"};
    return names;
}

const std::vector<std::string>& reconTargetNames()
{
    static const std::vector<std::string> names = {"post", "pre"};
    return names;
}

const std::vector<std::string>& relaxationNames()
{
    static const std::vector<std::string> names = {"rectified-sigmoid", "sigmoid-temperature", "ste", "none"};
    return names;
}

std::string toString(ReconInput v) { return reconInputNames().at(size_t(v)); }
std::string toString(ReconTarget v) { return reconTargetNames().at(size_t(v)); }
std::string toString(Relaxation v) { return relaxationNames().at(size_t(v)); }

ReconInput parseReconInput(const std::string& s)
{
    return parseChoice<ReconInput>(reconInputNames(), s, "reconstruction input");
}

ReconTarget parseReconTarget(const std::string& s)
{
    return parseChoice<ReconTarget>(reconTargetNames(), s, "reconstruction target");
}

Relaxation parseRelaxation(const std::string& s)
{
    return parseChoice<Relaxation>(relaxationNames(), s, "relaxation");
}

bool AnnealingSchedule::regularised(int iteration) const
{
    return iteration >= int(warmup * iterations);
}

double AnnealingSchedule::progress(int iteration) const
{
    const int start = int(warmup * iterations);
    if (iteration < start)
        return 0.0;
    const double span = std::max(1, iterations - start);
    const double t = std::min(1.0, double(iteration - start) / span);
    if (shape == BetaSchedule::Cosine)
        return 0.5 * (1.0 - std::cos(t * M_PI));
    return t;
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
