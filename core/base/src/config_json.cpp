#include "adaround/config_json.h"

#include "adaround/class_list.h"
#include "adaround/error.h"
#include "adaround/file_io.h"
#include "adaround/json.h"
#include "adaround/knobs.h"
#include "adaround/layer_overrides.h"

namespace adaround {
namespace {

Json knobToJson(const KnobValue& v)
{
    return std::visit([](const auto& x) { return Json(x); }, v);
}

// The JSON value as the knob's type, strictly: integers for Int and UInt64
// knobs, any number for Real ones. Range checks follow in checkKnobValue.
KnobValue knobFromJson(const Knob& k, const Json& v)
{
    auto wrongType = [&](const char* want) -> KnobValue { throw Error(k.key + " must be " + want); };
    switch (k.type) {
    case KnobType::Bool:
        return v.is_boolean() ? KnobValue(v.get<bool>()) : wrongType("true or false");
    case KnobType::Int:
        if (v.is_number_float())
            return wrongType("a whole number");
        if (v.is_number_unsigned() && v.get<uint64_t>() > uint64_t(INT64_MAX))
            return wrongType("a whole number in range");
        return v.is_number_integer() ? KnobValue(v.get<int64_t>()) : wrongType("a number (a whole number)");
    case KnobType::UInt64:
        if (v.is_number_unsigned())
            return KnobValue(v.get<uint64_t>());
        return wrongType(v.is_number_integer() ? "a whole number from 0 to 18446744073709551615"
                                               : "a number (a whole number from 0 to 18446744073709551615)");
    case KnobType::Real:
        return v.is_number() ? KnobValue(v.get<double>()) : wrongType("a number");
    case KnobType::Choice:
    case KnobType::Text:
        return v.is_string() ? KnobValue(v.get<std::string>()) : wrongType("text");
    }
    return {};
}

const Json& expect(const Json& v, bool ok, const std::string& what, const char* want)
{
    if (!ok)
        throw Error(what + " must be " + want);
    return v;
}

std::vector<float> floats(const Json& v, const std::string& what)
{
    std::vector<float> out;
    for (const Json& e : expect(v, v.is_array(), what, "a list of numbers"))
        out.push_back(float(expect(e, e.is_number(), what, "a list of numbers").get<double>()));
    return out;
}

int whole(const Json& v, const std::string& what)
{
    if (!v.is_number_integer() || v.get<int64_t>() < INT32_MIN || v.get<int64_t>() > INT32_MAX)
        throw Error(what + " must be a whole number");
    return int(v.get<int64_t>());
}

Json preprocessOverridesToJson(const PreprocessOverrides& o)
{
    Json j = Json::object();
    if (o.channels >= 0)
        j["channels"] = o.channels;
    if (o.resize >= 0)
        j["resize"] = o.resize;
    if (o.crop >= 0)
        j["crop"] = o.crop;
    if (!o.mean.empty())
        j["mean"] = o.mean;
    if (!o.std.empty())
        j["std"] = o.std;
    return j;
}

void preprocessOverridesFromJson(const Json& v, const std::string& key, PreprocessOverrides& o)
{
    for (const auto& [name, value] : expect(v, v.is_object(), key, "an object").items()) {
        const std::string what = key + "." + printable(name, 100);
        if (name == "channels")
            o.channels = whole(value, what);
        else if (name == "resize")
            o.resize = whole(value, what);
        else if (name == "crop")
            o.crop = whole(value, what);
        else if (name == "mean")
            o.mean = floats(value, what);
        else if (name == "std")
            o.std = floats(value, what);
        else
            throw Error("unknown setting '" + printable(what, 100) + "'");
    }
}

} // namespace

std::string configToJson(const AdaRoundConfig& c)
{
    Json j = Json::object();
    for (const Knob& k : knobTable())
        j[k.key] = knobToJson(k.get(c));
    if (c.preprocessOverrides.any())
        j["preprocess_overrides"] = preprocessOverridesToJson(c.preprocessOverrides);
    Json layers = Json::object();
    for (const auto& [name, b] : c.bits.overrides)
        layers[name] = b == 0 ? Json("fp32") : Json(b);
    j["bits_layer"] = layers;
    Json perLayer = Json::object(); // bits stay in bits_layer (it also says fp32)
    for (const auto& [name, knobs] : c.layerOverrides) {
        Json o = Json::object();
        for (const auto& [key, value] : knobs)
            o[key] = knobToJson(value);
        perLayer[name] = o;
    }
    j["layers"] = perLayer;
    j["rtn_layers"] = c.rtnOnlyLayers;
    j["classes"] = c.classNames; // the names, not a file: a saved config reproduces the labelling
    return dumpJson(j);
}

AdaRoundConfig configFromJson(const std::string& text, AdaRoundConfig c)
{
    const Json doc = parseJson(text);
    if (!doc.is_object())
        throw Error("the configuration must be a JSON object");
    const Json* layersJson = nullptr;
    for (const auto& [key, value] : doc.items()) {
        if (const Knob* k = findKnob(key); k && k->key == key) {
            const KnobValue v = knobFromJson(*k, value);
            checkKnobValue(*k, v);
            k->set(c, v);
        } else if (key == "preprocess_overrides") {
            c.preprocessOverrides = {};
            preprocessOverridesFromJson(value, key, c.preprocessOverrides);
        } else if (key == "bits_layer") {
            c.bits.overrides.clear();
            for (const auto& [name, b] : expect(value, value.is_object(), key, "an object").items())
                c.bits.overrides.emplace_back(name, b.is_string() && b.get<std::string>() == "fp32"
                                                        ? 0
                                                        : whole(b, key + "." + printable(name, 100)));
        } else if (key == "layers") {
            // Per-layer knobs; "bits" here joins bits_layer. Applied after the
            // loop so a later "bits_layer" cannot drop them.
            layersJson = &expect(value, value.is_object(), key, "an object of layers");
        } else if (key == "rtn_layers") {
            c.rtnOnlyLayers.clear();
            for (const Json& name : expect(value, value.is_array(), key, "a list of layer names"))
                c.rtnOnlyLayers.push_back(expect(name, name.is_string(), key, "a list of layer names").get<std::string>());
        } else if (key == "classes") {
            c.classNames.clear();
            for (const Json& name : expect(value, value.is_array(), key, "a list of class names"))
                c.classNames.push_back(expect(name, name.is_string(), key, "a list of class names").get<std::string>());
            checkClassNames(c.classNames, key);
        } else {
            throw Error("unknown setting '" + printable(key, 100) + "'");
        }
    }
    if (layersJson) {
        c.layerOverrides.clear();
        for (const auto& [layer, knobs] : layersJson->items()) {
            const std::string where = "layers." + printable(layer, 100);
            for (const auto& [name, value] : expect(knobs, knobs.is_object(), where, "an object of knob settings").items()) {
                const Knob* k = findKnob(name);
                if (!k || k->key != name)
                    throw Error(where + ": unknown knob '" + printable(name, 100) + "' (per-layer knobs: " +
                                perLayerKnobKeys() + ")");
                KnobValue v;
                try {
                    v = knobFromJson(*k, value);
                } catch (const Error& e) {
                    throw Error("layer " + printable(layer, 100) + ": " + e.what());
                }
                setLayerOverride(c, layer, name, v);
            }
        }
    }
    return c;
}

AdaRoundConfig loadConfigFile(const std::string& path, AdaRoundConfig base)
{
    const std::string text = readTextFile(path, kMaxConfigBytes, "configuration file");
    try {
        const std::vector<std::string> before = base.classNames;
        AdaRoundConfig c = configFromJson(text, std::move(base));
        if (c.classNames != before)
            c.classesOrigin = "the class list in " + path;
        return c;
    } catch (const Error& e) {
        throw Error(path + ": " + e.what());
    }
}

void saveConfigFile(const AdaRoundConfig& config, const std::string& path)
{
    writeFileAtomically(path, configToJson(config) + "\n", "configuration file");
}

} // namespace adaround
