#include "adaround/layer_overrides.h"

#include "adaround/bit_plan.h"
#include "adaround/error.h"
#include "adaround/knobs.h"

#include <algorithm>

namespace adaround {
namespace {

const Knob& perLayerKnob(const std::string& layer, const std::string& name)
{
    const Knob* k = findKnob(name);
    if (!k)
        throw Error("layer " + layer + ": unknown knob '" + name + "' (per-layer knobs: " + perLayerKnobKeys() + ")");
    if (!k->perLayer)
        throw Error("layer " + layer + ": " + k->key + " cannot be set per layer (per-layer knobs: " +
                    perLayerKnobKeys() + ")");
    return *k;
}

void checkValue(const std::string& layer, const Knob& k, const KnobValue& v)
{
    try {
        checkKnobValue(k, v);
    } catch (const Error& e) {
        throw Error("layer " + layer + ": " + e.what());
    }
}

int layerBits(const AdaRoundConfig& c, const std::string& layer)
{
    int bits = -1;
    for (const auto& [name, b] : c.bits.overrides)
        if (name == layer)
            bits = b; // the last one given wins, as resolveBits
    return bits;
}

} // namespace

AdaRoundConfig layerConfig(const AdaRoundConfig& run, const std::string& layer)
{
    AdaRoundConfig c = run;
    c.layerOverrides.clear();
    if (const int b = layerBits(run, layer); b > 0)
        c.bits.defaultBits = b;
    const auto it = run.layerOverrides.find(layer);
    if (it == run.layerOverrides.end())
        return c;
    for (const auto& [key, value] : it->second)
        perLayerKnob(layer, key).set(c, value);
    return c;
}

void setLayerOverride(AdaRoundConfig& c, const std::string& layer, const std::string& name, const KnobValue& value)
{
    if (layer.empty())
        throw Error("a per-layer setting needs a layer name (" + name + ")");
    const Knob& k = perLayerKnob(layer, name);
    checkValue(layer, k, value);
    if (k.key == "bits") {
        auto& o = c.bits.overrides;
        o.erase(std::remove_if(o.begin(), o.end(), [&](const auto& p) { return p.first == layer; }), o.end());
        o.emplace_back(layer, int(std::get<int64_t>(value)));
        return;
    }
    c.layerOverrides[layer][k.key] = value;
}

void setLayerOverride(AdaRoundConfig& c, const std::string& layer, const std::string& name, const std::string& text)
{
    const Knob& k = perLayerKnob(layer, name);
    KnobValue v;
    try {
        v = parseKnobValue(k, text);
    } catch (const Error& e) {
        throw Error("layer " + layer + ": " + e.what());
    }
    setLayerOverride(c, layer, k.key, v);
}

void checkLayerOverrides(const AdaRoundConfig& c)
{
    for (const auto& [layer, knobs] : c.layerOverrides) {
        for (const auto& [key, value] : knobs) {
            const Knob& k = perLayerKnob(layer, key);
            if (k.key != key) // stored under a CLI name: only setLayerOverride's keys are valid
                throw Error("layer " + layer + ": '" + key + "' is not a knob key (use " + k.key + ")");
            checkValue(layer, k, value);
        }
        try {
            layerConfig(c, layer).validate();
        } catch (const Error& e) {
            std::string what = e.what();
            const std::string prefix = "invalid setting: ";
            if (what.rfind(prefix, 0) == 0)
                what.erase(0, prefix.size());
            throw Error("invalid setting for layer " + layer + ": " + what);
        }
    }
}

void checkOverriddenLayersExist(const AdaRoundConfig& c, const std::vector<LayerInfo>& layers)
{
    auto known = [&](const std::string& name) {
        return std::any_of(layers.begin(), layers.end(), [&](const LayerInfo& l) { return l.name == name; });
    };
    for (const auto& [layer, knobs] : c.layerOverrides) {
        if (known(layer))
            continue;
        std::string names;
        for (const LayerInfo& l : layers)
            names += (names.empty() ? "" : ", ") + l.name;
        throw Error("per-layer settings for '" + layer + "', but the model has no layer of that name (layers: " +
                    names + ")");
    }
}

std::string describeLayerOverrides(const AdaRoundConfig& c, const std::string& layer)
{
    KnobOverrides all;
    if (const int b = layerBits(c, layer); b >= 0)
        all["bits"] = int64_t(b);
    if (const auto it = c.layerOverrides.find(layer); it != c.layerOverrides.end())
        all.insert(it->second.begin(), it->second.end());
    return describeKnobValues(all);
}

KnobOverrides layerKnobDifferences(const AdaRoundConfig& base, const AdaRoundConfig& other,
                                   const std::vector<LayerInfo>& layers, const std::string& layer)
{
    KnobOverrides out;
    const auto at = std::find_if(layers.begin(), layers.end(), [&](const LayerInfo& l) { return l.name == layer; });
    if (at != layers.end()) {
        const size_t i = size_t(at - layers.begin());
        const int a = resolveBits(layers, base.bits)[i], b = resolveBits(layers, other.bits)[i];
        if (a != b)
            out["bits"] = int64_t(b);
    }
    const AdaRoundConfig x = layerConfig(base, layer), y = layerConfig(other, layer);
    for (const Knob& k : knobTable())
        if (k.perLayer && k.key != "bits" && k.get(x) != k.get(y))
            out[k.key] = k.get(y);
    return out;
}

std::string describeKnobValues(const KnobOverrides& values)
{
    std::string text;
    for (const auto& [key, value] : values)
        text += (text.empty() ? "" : ", ") + key + "=" +
                (key == "bits" && std::get<int64_t>(value) == 0 ? std::string("fp32") : formatKnobValue(value));
    return text;
}

std::string perLayerKnobKeys()
{
    std::string keys;
    for (const Knob& k : knobTable())
        if (k.perLayer)
            keys += (keys.empty() ? "" : ", ") + k.key;
    return keys;
}

} // namespace adaround
