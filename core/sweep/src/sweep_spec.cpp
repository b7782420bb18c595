#include "adaround/sweep_spec.h"

#include "adaround/layer_overrides.h"

#include "adaround/config_json.h"
#include "adaround/error.h"
#include "adaround/knobs.h"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <random>

namespace adaround {
namespace {

std::vector<std::string> splitOn(const std::string& text, char sep)
{
    std::vector<std::string> parts;
    size_t start = 0;
    for (;;) {
        const size_t at = text.find(sep, start);
        parts.push_back(text.substr(start, at == std::string::npos ? std::string::npos : at - start));
        if (at == std::string::npos)
            return parts;
        start = at + 1;
    }
}

double number(const std::string& text, const std::string& what)
{
    double d = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(d))
        throw Error(what + ": '" + text + "' is not a number");
    return d;
}

// Per-layer keys "NAME.KNOB": bits into the BitPlan (which knows fp32), any
// other per-layer knob as the layer's override (layer_overrides.h).
void applyLayerSetting(AdaRoundConfig& c, const std::string& layer, const std::string& knob, const std::string& text)
{
    const std::string key = layer + "." + knob;
    if (knob != "bits") {
        try {
            setLayerOverride(c, layer, knob, text);
        } catch (const Error& e) {
            throw Error(key + ": " + e.what());
        }
        return;
    }
    int bits = 0;
    if (text != "fp32" && text != "float" && text != "off") {
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), bits);
        if (ec != std::errc() || end != text.data() + text.size() || bits < 2 || bits > 8)
            throw Error(key + ": '" + text + "' is not a bit-width (2-8, or fp32)");
    }
    for (auto& [name, b] : c.bits.overrides)
        if (name == layer) {
            b = bits;
            return;
        }
    c.bits.overrides.emplace_back(layer, bits);
}

void makePathsAbsolute(AdaRoundConfig& c)
{
    for (std::string* p : {&c.modelPath, &c.calibDir, &c.evalDir})
        if (!p->empty())
            *p = std::filesystem::absolute(*p).lexically_normal().string();
}

// A uniform double in [0, 1) from 53 bits: the same on every platform
// (std::uniform_real_distribution's algorithm is the library's choice).
double unit(std::mt19937_64& rng) { return double(rng() >> 11) * 0x1.0p-53; }

std::string sample(const SweepRange& r, std::mt19937_64& rng)
{
    const double u = unit(rng);
    const double v = r.log ? std::exp(std::log(r.lo) + u * (std::log(r.hi) - std::log(r.lo))) : r.lo + u * (r.hi - r.lo);
    const Knob* k = findKnob(r.key);
    if (!k || k->type == KnobType::Real)
        return formatKnobValue(KnobValue(v));
    return formatKnobValue(KnobValue(int64_t(std::llround(v)))); // whole-number knobs and NAME.bits
}

} // namespace

std::string canonicalSweepKey(const std::string& key)
{
    if (key == "beta")
        return key;
    if (const size_t dot = key.find('.'); dot != std::string::npos && dot > 0 && dot + 1 < key.size())
        return key;
    if (const Knob* k = findKnob(key))
        return k->key;
    throw Error("unknown sweep key '" + key +
                "': use a run option without its dashes (lambda, iters, calib-size), a knob key "
                "(learning_rate), beta (START:END values) or NAME.bits");
}

void applySweepSetting(AdaRoundConfig& c, const std::string& key, const std::string& text)
{
    if (key == "beta") {
        const std::vector<std::string> ends = splitOn(text, ':');
        if (ends.size() != 2)
            throw Error("beta: '" + text + "' is not START:END (e.g. 20:2)");
        for (int i = 0; i < 2; ++i) {
            const Knob& k = *findKnob(i == 0 ? "beta_start" : "beta_end");
            k.set(c, parseKnobValue(k, ends[size_t(i)]));
        }
        return;
    }
    if (const size_t dot = key.find('.'); dot != std::string::npos && !findKnob(key))
        return applyLayerSetting(c, key.substr(0, dot), key.substr(dot + 1), text);
    const Knob* k = findKnob(key);
    if (!k)
        throw Error("unknown sweep key '" + key + "'");
    k->set(c, parseKnobValue(*k, text));
}

SweepAxis parseSweepAxis(const std::string& text)
{
    const size_t eq = text.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
        throw Error("--grid needs KEY=V1,V2,..., got '" + text + "'");
    SweepAxis axis{canonicalSweepKey(text.substr(0, eq)), splitOn(text.substr(eq + 1), ',')};
    AdaRoundConfig scratch;
    for (const std::string& v : axis.values)
        applySweepSetting(scratch, axis.key, v); // a bad value fails now, naming the key
    return axis;
}

SweepRange parseSweepRange(const std::string& text)
{
    const size_t eq = text.find('=');
    if (eq == std::string::npos || eq == 0)
        throw Error("--range needs KEY=LO:HI[:log], got '" + text + "'");
    SweepRange r;
    r.key = canonicalSweepKey(text.substr(0, eq));
    const std::vector<std::string> parts = splitOn(text.substr(eq + 1), ':');
    if (parts.size() < 2 || parts.size() > 3 || (parts.size() == 3 && parts[2] != "log"))
        throw Error("--range needs KEY=LO:HI[:log], got '" + text + "'");
    const Knob* k = findKnob(r.key);
    if (r.key == "beta" || (k && k->type != KnobType::Real && k->type != KnobType::Int))
        throw Error("--range " + r.key + ": only numeric keys can be ranged (use --grid)");
    r.lo = number(parts[0], "--range " + r.key);
    r.hi = number(parts[1], "--range " + r.key);
    r.log = parts.size() == 3;
    if (r.lo > r.hi || (r.log && r.lo <= 0))
        throw Error("--range " + r.key + ": needs LO <= HI" + std::string(r.log ? ", both above 0 for :log" : ""));
    AdaRoundConfig scratch;
    std::mt19937_64 none;
    for (double end : {r.lo, r.hi}) {
        SweepRange at = r;
        at.lo = at.hi = end;
        applySweepSetting(scratch, r.key, sample(at, none)); // both ends within the knob's range
    }
    return r;
}

std::vector<SweepPoint> expandSweep(const SweepSpec& spec)
{
    if (spec.seeds < 1)
        throw Error("--seeds must be at least 1");
    if (spec.random > 0 && spec.ranges.empty())
        throw Error("--random needs at least one --range KEY=LO:HI[:log]");
    if (spec.random == 0 && !spec.ranges.empty())
        throw Error("--range needs --random N (how many samples)");
    // Settings of each group: the grid's product, crossed with the random samples.
    std::vector<std::vector<std::pair<std::string, std::string>>> groups{{}};
    for (const SweepAxis& axis : spec.grid) {
        std::vector<std::vector<std::pair<std::string, std::string>>> next;
        for (const auto& g : groups)
            for (const std::string& v : axis.values) {
                next.push_back(g);
                next.back().emplace_back(axis.key, v);
            }
        groups = std::move(next);
    }
    if (spec.random > 0) {
        std::mt19937_64 rng(spec.base.seed);
        std::vector<std::vector<std::pair<std::string, std::string>>> samples;
        for (int i = 0; i < spec.random; ++i) {
            samples.emplace_back();
            for (const SweepRange& r : spec.ranges)
                samples.back().emplace_back(r.key, sample(r, rng));
        }
        std::vector<std::vector<std::pair<std::string, std::string>>> next;
        for (const auto& g : groups)
            for (const auto& s : samples) {
                next.push_back(g);
                next.back().insert(next.back().end(), s.begin(), s.end());
            }
        groups = std::move(next);
    }
    std::vector<SweepPoint> points;
    for (size_t g = 0; g < groups.size(); ++g)
        for (int s = 0; s < spec.seeds; ++s) {
            SweepPoint p;
            p.index = int(points.size());
            p.settings = groups[g];
            p.seedIndex = s;
            p.group = int(g);
            p.config = spec.base;
            for (const auto& [key, value] : p.settings)
                applySweepSetting(p.config, key, value);
            p.config.seed += uint64_t(s); // the same seeds for every point
            makePathsAbsolute(p.config);
            try {
                p.config.validate();
            } catch (const Error& e) {
                throw Error("sweep point " + std::to_string(p.index) + ": " + e.what());
            }
            points.push_back(std::move(p));
        }
    return points;
}

Json sweepSpecToJson(const SweepSpec& spec)
{
    AdaRoundConfig base = spec.base;
    makePathsAbsolute(base);
    Json grid = Json::array(), ranges = Json::array();
    for (const SweepAxis& a : spec.grid)
        grid.push_back({{"key", a.key}, {"values", a.values}});
    for (const SweepRange& r : spec.ranges)
        ranges.push_back({{"key", r.key}, {"lo", r.lo}, {"hi", r.hi}, {"log", r.log}});
    return {{"base_config", parseJson(configToJson(base))},
            {"grid", grid},
            {"random", spec.random},
            {"ranges", ranges},
            {"seeds", spec.seeds}};
}

} // namespace adaround
