#pragma once
// Builders of knob table rows (knobs.cpp, optimisation_knobs.cpp): accessors
// for a field of AdaRoundConfig by type, and the key/label/range setters.
#include "adaround/knobs.h"

namespace adaround::knobrows {

// Accessors for a field of AdaRoundConfig, by type.
template <class T>
inline Knob intField(T AdaRoundConfig::*field)
{
    Knob k;
    k.type = KnobType::Int;
    k.get = [field](const AdaRoundConfig& c) { return KnobValue(int64_t(c.*field)); };
    k.set = [field](AdaRoundConfig& c, const KnobValue& v) { c.*field = T(std::get<int64_t>(v)); };
    return k;
}

inline Knob realField(double AdaRoundConfig::*field)
{
    Knob k;
    k.type = KnobType::Real;
    k.get = [field](const AdaRoundConfig& c) { return KnobValue(c.*field); };
    k.set = [field](AdaRoundConfig& c, const KnobValue& v) { c.*field = std::get<double>(v); };
    return k;
}

inline Knob textField(std::string AdaRoundConfig::*field)
{
    Knob k;
    k.type = KnobType::Text;
    k.get = [field](const AdaRoundConfig& c) { return KnobValue(c.*field); };
    k.set = [field](AdaRoundConfig& c, const KnobValue& v) { c.*field = std::get<std::string>(v); };
    return k;
}

inline Knob boolKnob(std::function<bool&(AdaRoundConfig&)> ref)
{
    Knob k;
    k.type = KnobType::Bool;
    k.get = [ref](const AdaRoundConfig& c) { return KnobValue(ref(const_cast<AdaRoundConfig&>(c))); };
    k.set = [ref](AdaRoundConfig& c, const KnobValue& v) { ref(c) = std::get<bool>(v); };
    return k;
}

inline Knob with(Knob k, std::string key, std::vector<std::string> cli, std::string label, KnobGroup group,
          std::string help)
{
    k.key = std::move(key);
    k.cliNames = std::move(cli);
    k.label = std::move(label);
    k.group = group;
    k.help = std::move(help);
    return k;
}

inline Knob ranged(Knob k, double min, double max, std::string unit = "", std::string zeroMeans = "")
{
    k.min = min;
    k.max = max;
    k.unit = std::move(unit);
    k.zeroMeans = std::move(zeroMeans);
    return k;
}


// The Optimisation group, in table order (optimisation_knobs.cpp).
void addOptimisationKnobs(std::vector<Knob>& table);

} // namespace adaround::knobrows
