#pragma once
// A sweep: a base configuration and the settings that vary, expanded into
// points (one run each). A setting's KEY is a knob key or CLI name ("lambda",
// "iters", "calib-size", "calib"), "beta" (START:END pairs) or a per-layer key
// "NAME.KNOB" ("conv2.bits"). Every point runs with the same seeds.
#include "adaround/adaround_config.h"
#include "adaround/json.h"

#include <cstdint>
#include <string>
#include <vector>

namespace adaround {

// --grid KEY=V1,V2,...
struct SweepAxis {
    std::string key;                 // canonical: the knob's key ("iterations" for "iters")
    std::vector<std::string> values; // as given; each checked against the knob
};

// --range KEY=LO:HI[:log], sampled --random N times.
struct SweepRange {
    std::string key;
    double lo = 0, hi = 0;
    bool log = false;
};

struct SweepSpec {
    AdaRoundConfig base;
    std::vector<SweepAxis> grid;
    int random = 0; // random samples of the ranges, each crossed with the grid
    std::vector<SweepRange> ranges;
    int seeds = 1;  // seeds base.seed, base.seed + 1, ...
};

struct SweepPoint {
    int index = 0;
    std::vector<std::pair<std::string, std::string>> settings; // swept key -> value text, in spec order
    int seedIndex = 0;
    int group = 0; // points that differ only in the seed share a group
    AdaRoundConfig config;
};

// "lambda=0.01,0.1" -> {"lambda", {"0.01", "0.1"}}; "beta=20:2,10:2" keeps
// the pairs whole. Throws Error for an unknown key or a value the key refuses.
SweepAxis parseSweepAxis(const std::string& text);

// "lambda=1e-3:1e-1:log". Throws Error (only numeric keys can be ranged).
SweepRange parseSweepRange(const std::string& text);

// The canonical form of KEY, or Error naming what keys there are.
std::string canonicalSweepKey(const std::string& key);

// Sets KEY to the value TEXT in CONFIG: the one place that maps sweep keys
// onto a configuration. Throws Error naming the key and the value.
void applySweepSetting(AdaRoundConfig& config, const std::string& key, const std::string& text);

// Grid points (row-major in --grid order) x random samples x seeds; each point's
// configuration validated, with absolute model, calibration and eval paths.
// Random samples are reproducible: seeded by the base configuration's seed.
std::vector<SweepPoint> expandSweep(const SweepSpec& spec);

// The spec as JSON for the manifest (without the points).
Json sweepSpecToJson(const SweepSpec& spec);

} // namespace adaround
