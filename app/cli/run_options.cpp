#include "run_options.h"

#include "adaround/config_json.h"
#include "adaround/error.h"
#include "adaround/knobs.h"
#include "option_helpers.h"

#include <CLI/CLI.hpp>

namespace cli {
namespace {

// "20:2" -> beta_start 20, beta_end 2; each number as its knob reads it.
void applyBeta(const std::string& spec, adaround::AdaRoundConfig& c)
{
    const size_t colon = spec.find(':');
    if (colon == std::string::npos)
        throw UsageError("--beta needs START:END, e.g. 20:2, got '" + spec + "'");
    auto number = [&](const char* key, const std::string& text) {
        double d = 0;
        if (!parseReal(text, &d))
            throw UsageError("--beta needs START:END, e.g. 20:2, got '" + spec + "'");
        return parseOptionValue(*adaround::findKnob(key), "--beta", text);
    };
    const adaround::KnobValue start = number("beta_start", spec.substr(0, colon));
    const adaround::KnobValue end = number("beta_end", spec.substr(colon + 1));
    adaround::findKnob("beta_start")->set(c, start);
    adaround::findKnob("beta_end")->set(c, end);
}

} // namespace

RunOptions::RunOptions(CLI::App& cmd, bool evalRequired)
    : evalRequired_(evalRequired), knobs_(cmd, adaround::AdaRoundConfig{}), shared_(cmd),
      rtnLayer_(addListOption(cmd, "--rtn-layer", "NAME",
                              "quantize this layer with round-to-nearest only; repeatable")
                    ->group("Quantization")),
      beta_(addValueOption(cmd, "--beta", "START:END", "beta annealed from START to END: --beta-start and --beta-end "
                                                        "in one [default 20:2]")
                ->group("Optimisation")),
      config_(addValueOption(cmd, "--config", "FILE",
                             "start from this JSON configuration; options given here override it")
                  ->group("Files")),
      saveConfig_(addValueOption(cmd, "--save-config", "FILE", "write the effective configuration as JSON (checked before the run; an existing file only with --force)")
                      ->group("Files")),
      export_(addValueOption(cmd, "--export", "DIR",
                             "write model.pt (TorchScript), encodings.json (AIMET layout) and weights/*.npy "
                             "(integer codes, scales, zero-points) into a new or empty folder (a previous export: --force)")
                  ->group("Files")),
      log_(addValueOption(cmd, "--log", "FILE",
                          "the HDF5 run log [default: a new run-<date>-<time>.h5 in "
                          "$XDG_DATA_HOME/adaround-workbench/runs or ~/.local/share/adaround-workbench/runs]; "
                          "never overwrites")
               ->group("Files")),
      force_(addPlainFlag(cmd, "--force",
                          "let --save-config replace an existing file and --export replace a previous export "
                          "(never an input, never a run log)")
                 ->group("Files")),
      noLog_(addPlainFlag(cmd, "--no-log", "write no run log")->group("Files")),
      json_(addPlainFlag(cmd, "--json", "print the result as one JSON object on stdout")->group("Output")),
      quiet_(addPlainFlag(cmd, "--quiet", "no progress on stderr")->group("Output"))
{
    beta_->excludes(knobs_.option("beta_start"))->excludes(knobs_.option("beta_end"));
    log_->excludes(noLog_);
}

adaround::AdaRoundConfig RunOptions::config() const
{
    adaround::AdaRoundConfig c;
    try {
        if (config_->count())
            c = adaround::loadConfigFile(lastValue(config_));
    } catch (const adaround::Error& e) {
        throw UsageError(e.what()); // a bad --config file is a usage error (docs/cli.md)
    }
    if (log_->count() && lastValue(log_).empty())
        throw UsageError("--log needs a file name");
    knobs_.applyTo(c);
    shared_.applyTo(c);
    applyRunOptions(c);
    const std::pair<const std::string*, const char*> required[] = {
        {&c.modelPath, "model"}, {&c.calibDir, "calib"}, {&c.evalDir, "eval"}};
    for (const auto& [field, name] : required)
        if (field->empty() && (evalRequired_ || field != &c.evalDir))
            throw UsageError(std::string("--") + name + " is required (on the command line or in --config)");
    try {
        c.validate();
    } catch (const adaround::Error& e) {
        throw UsageError(e.what());
    }
    return c;
}

void RunOptions::applyRunOptions(adaround::AdaRoundConfig& c) const
{
    for (const auto& name : rtnLayer_->results())
        c.rtnOnlyLayers.push_back(name);
    if (beta_->count())
        applyBeta(lastValue(beta_), c);
}

RunSettings RunOptions::read() const
{
    RunSettings s;
    s.config = config();
    s.saveConfigPath = lastValue(saveConfig_);
    s.exportDir = lastValue(export_);
    s.logPath = lastValue(log_);
    s.configFile = lastValue(config_);
    s.force = flagIsSet(force_);
    s.noLog = flagIsSet(noLog_);
    s.json = flagIsSet(json_);
    s.quiet = flagIsSet(quiet_);
    return s;
}

} // namespace cli
