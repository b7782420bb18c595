#pragma once
// The knob table: every scalar setting of a run declared once, with its key,
// type, range, default, unit, one-line help and whether a layer may override it.
// Validation, the configuration JSON, the run log's /config attributes, the
// CLI's options and help text and the GUI's hyperparameter panel are all
// derived from this table, so a new knob is a one-place change (knobs.cpp).
//
// Structured settings (per-layer bits, RTN-only layers, preprocessing
// overrides, class names) are not knobs; config_json.h handles them beside the table.
#include "adaround/adaround_config.h"
#include "adaround/knob_value.h"

#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

namespace adaround {

enum class KnobType {
    Bool,   // true / false
    Int,    // whole number in [min, max] (or 0 when zeroMeans is set)
    UInt64, // whole number in [0, 2^64 - 1], exact (seeds)
    Real,   // finite double in [min, max], kept exactly (no rounding to decimals)
    Choice, // one word out of choices
    Text,   // free text (paths, preset names)
};

// Where a knob sits: the GUI's group boxes and the CLI help's sections.
enum class KnobGroup { Data, Quantization, Optimisation, Runtime, Observation };

struct Knob {
    std::string key;                   // JSON key, HDF5 attribute, sweep key: "learning_rate"
    std::vector<std::string> cliNames; // CLI options without dashes, primary first: {"lr", "learning-rate"}
    std::string label;                 // GUI label: "Learning rate"
    KnobType type = KnobType::Int;
    KnobGroup group = KnobGroup::Optimisation;
    double min = 0, max = 0;           // Int and Real, inclusive
    std::string zeroMeans;             // Int: 0 is also allowed and means this ("off", "all cores")
    bool logScale = false;             // Real: spans decades, edited in scientific notation
    std::vector<std::string> choices;  // Choice: the accepted words, in display order
    std::string unit;                  // "images", "iterations", "MiB", "" for none
    std::string help;                  // one line, for --help and tooltips
    bool perLayer = false;             // may be overridden for one layer
    bool inPanel = true;               // the GUI's hyperparameter panel edits it (paths and internals live elsewhere)
    std::vector<std::string> cliFalseNames; // Bool: flags that set it false ("per-tensor" for per_channel)

    std::function<KnobValue(const AdaRoundConfig&)> get;
    std::function<void(AdaRoundConfig&, const KnobValue&)> set;

    KnobValue defaultValue() const { return get(AdaRoundConfig{}); }
};

// All knobs, in the order files and help text show them.
const std::vector<Knob>& knobTable();

// By key ("learning_rate") or any CLI name ("lr", "learning-rate"); nullptr if none.
const Knob* findKnob(const std::string& name);

// Parses TEXT as the knob's value: the whole text, locale-independent
// (std::from_chars), in range. Bool accepts true/false/1/0/yes/no/on/off.
// Throws Error naming the knob: "learning_rate: '1,5' is not a number".
KnobValue parseKnobValue(const Knob& knob, const std::string& text);

// Formats exactly and locale-independently: reals in the shortest text that
// reads back to the same double (3e-06 stays 3e-06, 5e-07 stays 5e-07).
std::string formatKnobValue(const KnobValue& value);

// Throws Error naming the knob if the value has the wrong type or is out of
// range ("iterations must be between 1 and 10000000, got 0").
void checkKnobValue(const Knob& knob, const KnobValue& value);

// "between 1 and 10000000", "0 (off) or 2-16", "linear or cosine": for help texts.
std::string describeRange(const Knob& knob);

} // namespace adaround
