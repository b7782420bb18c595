#pragma once
// The options of `run`: every knob of the table (knob_options.h), the shared
// per-layer and preprocessing options, and the run's own: --rtn-layer,
// --beta START:END, --config, --save-config, --export, --log, --no-log,
// --force, --json, --quiet.
#include "adaround/adaround_config.h"
#include "knob_options.h"
#include "shared_options.h"

#include <string>

namespace CLI {
class App;
class Option;
} // namespace CLI

namespace cli {

// What the command line asks `run` to do.
struct RunSettings {
    adaround::AdaRoundConfig config;
    std::string saveConfigPath; // "" = none
    std::string exportDir;      // "" = none
    std::string logPath;        // "" = a new file in the default folder
    std::string configFile;     // --config FILE, "" = none (an input: never an output)
    bool force = false;         // --force: --save-config and --export may replace what exists
    bool noLog = false;
    bool json = false;
    bool quiet = false;
};

class RunOptions {
public:
    // EVAL_REQUIRED false: --eval may be left out (the layer lab without top-1).
    explicit RunOptions(CLI::App& cmd, bool evalRequired = true);

    // Everything read and checked before anything runs. The configuration is
    // the defaults, then --config FILE, then the options given on the command
    // line, validated. Throws UsageError (a bad --config file too).
    RunSettings read() const;

private:
    adaround::AdaRoundConfig config() const;
    void applyRunOptions(adaround::AdaRoundConfig& c) const;

    bool evalRequired_;
    KnobOptions knobs_;
    SharedOptions shared_;
    CLI::Option* rtnLayer_;
    CLI::Option* beta_;
    CLI::Option* config_;
    CLI::Option* saveConfig_;
    CLI::Option* export_;
    CLI::Option* log_;
    CLI::Option* force_;
    CLI::Option* noLog_;
    CLI::Option* json_;
    CLI::Option* quiet_;
};

} // namespace cli
