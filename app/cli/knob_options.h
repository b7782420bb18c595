#pragma once
// The knob table (adaround/knobs.h) as command-line options: one option per
// knob, named by its cliNames, described by its help text, range and default,
// grouped in --help as the table groups them. Nothing here knows a knob by
// hand, so a knob added to the table is an option of `run` at once.
//
// Values stay text until applyTo() converts them with parseKnobValue:
// whole-text, in range and locale-independent (never CLI11's strtold).
#include "adaround/adaround_config.h"
#include "adaround/knobs.h"

#include <string>
#include <vector>

namespace CLI {
class App;
class Option;
} // namespace CLI

namespace cli {

class KnobOptions {
public:
    // Adds the knobs named in KEYS (every knob of the table if empty) to CMD, in
    // table order. Bool knobs become flags (--symmetric; cliFalseNames such as
    // --per-tensor set false; --name=false works too); the others take a value.
    // The help shows DEFAULTS' values as the defaults.
    KnobOptions(CLI::App& cmd, const adaround::AdaRoundConfig& defaults, const std::vector<std::string>& keys = {});

    // The option of the knob KEY; nullptr if it was not added.
    CLI::Option* option(const std::string& key) const;

    // Makes the knob KEY required (CLI11 marks it so in --help; no default shown).
    void require(const std::string& key);

    // Sets the knobs given on the command line, in table order. Throws
    // UsageError naming the option: "--lr: '1,5' is not a number".
    void applyTo(adaround::AdaRoundConfig& config) const;

private:
    struct Entry {
        const adaround::Knob* knob;
        CLI::Option* option;
    };
    std::vector<Entry> entries_;
};

// parseKnobValue for the value of OPTION ("--lr"); throws UsageError naming
// the option instead of the knob's key.
adaround::KnobValue parseOptionValue(const adaround::Knob& knob, const std::string& option, const std::string& text);

} // namespace cli
