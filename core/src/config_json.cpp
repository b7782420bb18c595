#include "adaround/config_json.h"

#include "adaround/error.h"
#include "adaround/json_value.h"
#include "adaround/json_writer.h"

#include <fstream>
#include <functional>
#include <sstream>

namespace adaround {
namespace {

std::vector<float> floats(const JsonValue& v, const std::string& what)
{
    std::vector<float> out;
    for (const auto& e : v.asArray(what))
        out.push_back(float(e.asNumber(what)));
    return out;
}

} // namespace

std::string configToJson(const AdaRoundConfig& c)
{
    JsonWriter j;
    j.beginObject();
    j.key("model").value(c.modelPath).key("calib").value(c.calibDir).key("eval").value(c.evalDir);
    j.key("preprocess").value(c.preprocessName);
    const PreprocessOverrides& o = c.preprocessOverrides;
    if (o.any()) {
        j.key("preprocess_overrides").beginObject();
        if (o.channels >= 0)
            j.key("channels").value(o.channels);
        if (o.resize >= 0)
            j.key("resize").value(o.resize);
        if (o.crop >= 0)
            j.key("crop").value(o.crop);
        for (const auto& [name, list] : {std::pair<const char*, const std::vector<float>*>{"mean", &o.mean},
                                         {"std", &o.std}})
            if (!list->empty()) {
                j.key(name).beginArray();
                for (float f : *list)
                    j.value(double(f));
                j.endArray();
            }
        j.endObject();
    }
    j.key("calib_size").value(c.calibSize).key("eval_subset").value(c.evalSubset);
    j.key("bits").value(c.bits.defaultBits).key("first_last_bits").value(c.bits.firstLastBits);
    j.key("bits_layer").beginObject();
    for (const auto& [name, b] : c.bits.overrides) {
        j.key(name);
        if (b == 0)
            j.value("fp32");
        else
            j.value(b);
    }
    j.endObject();
    j.key("rtn_layers").beginArray();
    for (const auto& name : c.rtnOnlyLayers)
        j.value(name);
    j.endArray();
    j.key("per_channel").value(c.quant.perChannel).key("symmetric").value(c.quant.symmetric);
    j.key("act_bits").value(c.actBits);
    j.key("iterations").value(c.iterations).key("batch_size").value(c.batchSize);
    j.key("learning_rate").value(c.learningRate).key("lambda").value(c.lambda);
    j.key("beta_start").value(c.betaStart).key("beta_end").value(c.betaEnd).key("warmup").value(c.warmup);
    j.key("schedule").value(toString(c.schedule)).key("objective").value(toString(c.objective));
    j.key("seed").value(int64_t(c.seed)).key("threads").value(c.threads);
    j.key("fused_kernels").value(c.fusedKernels).key("im2col_convs").value(c.im2colConvs);
    j.key("stats_interval").value(c.statsInterval).key("histogram_interval").value(c.histogramInterval);
    j.key("histogram_bins").value(c.histogramBins);
    j.key("memory_budget_mib").value(int64_t(c.memoryBudget >> 20));
    j.endObject();
    return j.str();
}

AdaRoundConfig configFromJson(const std::string& text, AdaRoundConfig c)
{
    const JsonValue doc = JsonValue::parse(text);
    using Setter = std::function<void(const JsonValue&, const std::string&)>;
    const std::map<std::string, Setter> setters = {
        {"model", [&](auto& v, auto& k) { c.modelPath = v.asString(k); }},
        {"calib", [&](auto& v, auto& k) { c.calibDir = v.asString(k); }},
        {"eval", [&](auto& v, auto& k) { c.evalDir = v.asString(k); }},
        {"preprocess", [&](auto& v, auto& k) { c.preprocessName = v.asString(k); }},
        {"preprocess_overrides",
         [&](auto& v, auto& k) {
             for (const auto& [key, val] : v.asObject(k)) {
                 const std::string what = k + "." + key;
                 if (key == "channels")
                     c.preprocessOverrides.channels = val.asInt(what);
                 else if (key == "resize")
                     c.preprocessOverrides.resize = val.asInt(what);
                 else if (key == "crop")
                     c.preprocessOverrides.crop = val.asInt(what);
                 else if (key == "mean")
                     c.preprocessOverrides.mean = floats(val, what);
                 else if (key == "std")
                     c.preprocessOverrides.std = floats(val, what);
                 else
                     throw Error("unknown setting '" + what + "'");
             }
         }},
        {"calib_size", [&](auto& v, auto& k) { c.calibSize = v.asInt(k); }},
        {"eval_subset", [&](auto& v, auto& k) { c.evalSubset = v.asInt(k); }},
        {"bits", [&](auto& v, auto& k) { c.bits.defaultBits = v.asInt(k); }},
        {"first_last_bits", [&](auto& v, auto& k) { c.bits.firstLastBits = v.asInt(k); }},
        {"bits_layer",
         [&](auto& v, auto& k) {
             c.bits.overrides.clear();
             for (const auto& [name, b] : v.asObject(k))
                 c.bits.overrides.emplace_back(name, b.isString() && b.asString(k) == "fp32" ? 0
                                                                                             : b.asInt(k + "." + name));
         }},
        {"rtn_layers",
         [&](auto& v, auto& k) {
             c.rtnOnlyLayers.clear();
             for (const auto& name : v.asArray(k))
                 c.rtnOnlyLayers.push_back(name.asString(k));
         }},
        {"per_channel", [&](auto& v, auto& k) { c.quant.perChannel = v.asBool(k); }},
        {"symmetric", [&](auto& v, auto& k) { c.quant.symmetric = v.asBool(k); }},
        {"act_bits", [&](auto& v, auto& k) { c.actBits = v.asInt(k); }},
        {"iterations", [&](auto& v, auto& k) { c.iterations = v.asInt(k); }},
        {"batch_size", [&](auto& v, auto& k) { c.batchSize = v.asInt(k); }},
        {"learning_rate", [&](auto& v, auto& k) { c.learningRate = v.asNumber(k); }},
        {"lambda", [&](auto& v, auto& k) { c.lambda = v.asNumber(k); }},
        {"beta_start", [&](auto& v, auto& k) { c.betaStart = v.asNumber(k); }},
        {"beta_end", [&](auto& v, auto& k) { c.betaEnd = v.asNumber(k); }},
        {"warmup", [&](auto& v, auto& k) { c.warmup = v.asNumber(k); }},
        {"schedule", [&](auto& v, auto& k) { c.schedule = parseSchedule(v.asString(k)); }},
        {"objective", [&](auto& v, auto& k) { c.objective = parseObjective(v.asString(k)); }},
        {"seed", [&](auto& v, auto& k) { c.seed = uint64_t(v.asNumber(k)); }},
        {"threads", [&](auto& v, auto& k) { c.threads = v.asInt(k); }},
        {"fused_kernels", [&](auto& v, auto& k) { c.fusedKernels = v.asBool(k); }},
        {"im2col_convs", [&](auto& v, auto& k) { c.im2colConvs = v.asBool(k); }},
        {"stats_interval", [&](auto& v, auto& k) { c.statsInterval = v.asInt(k); }},
        {"histogram_interval", [&](auto& v, auto& k) { c.histogramInterval = v.asInt(k); }},
        {"histogram_bins", [&](auto& v, auto& k) { c.histogramBins = v.asInt(k); }},
        {"memory_budget_mib", [&](auto& v, auto& k) { c.memoryBudget = size_t(v.asInt(k)) << 20; }},
    };
    for (const auto& [key, value] : doc.asObject("the configuration")) {
        auto it = setters.find(key);
        if (it == setters.end())
            throw Error("unknown setting '" + key + "'");
        it->second(value, key);
    }
    return c;
}

AdaRoundConfig loadConfigFile(const std::string& path, AdaRoundConfig base)
{
    std::ifstream in(path);
    if (!in)
        throw Error(path + ": cannot open the configuration file");
    std::stringstream ss;
    ss << in.rdbuf();
    try {
        return configFromJson(ss.str(), std::move(base));
    } catch (const Error& e) {
        throw Error(path + ": " + e.what());
    }
}

void saveConfigFile(const AdaRoundConfig& config, const std::string& path)
{
    std::ofstream out(path);
    out << configToJson(config) << "\n";
    if (!out)
        throw Error(path + ": cannot write the configuration file");
}

} // namespace adaround
