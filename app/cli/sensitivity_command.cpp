// `adaround-cli sensitivity`: the per-layer sensitivity table (adaround/sensitivity.h)
// and, given a budget, a mixed-precision plan from it (adaround/precision_plan.h),
// measured, and written as a run configuration's per-layer bits with --apply.
#include "adaround/config_json.h"
#include "adaround/error.h"
#include "adaround/file_io.h"
#include "adaround/runtime.h"
#include "commands.h"
#include "knob_options.h"
#include "option_helpers.h"
#include "run_report.h"
#include "sensitivity_output.h"
#include "shared_options.h"
#include "terminal_progress.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

namespace cli {
namespace {

// The knobs of the table, and those of --adaround's short per-layer runs.
const std::vector<std::string> kSensitivityKnobs{
    "model",      "calib",         "eval",          "preprocess", "calib_size", "eval_subset", "per_channel",
    "symmetric",  "iterations",    "batch_size",    "learning_rate", "lambda", "beta_start",  "beta_end",
    "warmup",     "schedule",      "objective",     "seed",       "threads"};

adaround::RunControl* g_control = nullptr;

extern "C" void onSensitivityInterrupt(int)
{
    if (g_control)
        g_control->cancel();
}

struct SensitivityOptions {
    explicit SensitivityOptions(CLI::App& cmd)
        : knobs(cmd, adaround::AdaRoundConfig{}, kSensitivityKnobs), shared(cmd, false),
          bits(addValueOption(cmd, "--bits", "B[,B2,...]", "bit-widths to analyse, each 2-8 (e.g. 2,4,8)")
                   ->group("Quantization")),
          budgetBits(addValueOption(cmd, "--budget-bits", "AVG",
                                    "plan per-layer bits (from --bits) for at most AVG bits per weight on average")
                         ->group("Mixed precision")),
          budgetKb(addValueOption(cmd, "--budget-kb", "KB",
                                  "plan per-layer bits for at most KB kilobytes (1024 bytes) of weights")
                       ->group("Mixed precision")),
          apply(addValueOption(cmd, "--apply", "CONFIG.json",
                               "write the plan as bits_layer of a run configuration: an existing file keeps its "
                               "other settings, a new one gets this command's model, folders and grid")
                    ->group("Mixed precision")),
          adaround(addPlainFlag(cmd, "--adaround",
                                "also optimise each layer alone by AdaRound (--iters, short: e.g. 500) on --calib "
                                "images, and score it as the RTN column")
                       ->group("Quantization")),
          json(addPlainFlag(cmd, "--json", "print the result as one JSON object on stdout")->group("Output")),
          quiet(addPlainFlag(cmd, "--quiet", "no progress on stderr")->group("Output"))
    {
        knobs.require("model");
        knobs.require("eval");
        bits->required();
    }

    KnobOptions knobs;
    SharedOptions shared;
    CLI::Option* bits;
    CLI::Option* budgetBits;
    CLI::Option* budgetKb;
    CLI::Option* apply;
    CLI::Option* adaround;
    CLI::Option* json;
    CLI::Option* quiet;
};

std::vector<int> parseBitList(const std::string& text)
{
    std::vector<int> out;
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ',')) {
        int b = 0;
        if (!parseWhole(item, &b) || b < 2 || b > 8)
            throw UsageError("--bits needs bit-widths from 2 to 8 separated by commas, got '" + text + "'");
        if (std::find(out.begin(), out.end(), b) == out.end())
            out.push_back(b);
    }
    if (out.empty())
        throw UsageError("--bits needs bit-widths from 2 to 8 separated by commas, got '" + text + "'");
    std::sort(out.begin(), out.end());
    return out;
}

double positive(const CLI::Option* o)
{
    double v = 0;
    if (!parseReal(lastValue(o), &v) || !(v > 0))
        throw UsageError(o->get_name() + " needs a positive number, got '" + lastValue(o) + "'");
    return v;
}

// The plan's bits as a run configuration: FILE's own settings if it exists.
void writePlanConfig(const std::string& path, adaround::AdaRoundConfig config,
                     const adaround::SensitivityReport& report, const adaround::PrecisionPlan& plan)
{
    if (std::filesystem::exists(path))
        config = adaround::loadConfigFile(path);
    config.bits.overrides.clear();
    for (size_t i = 0; i < report.layers.size(); ++i)
        config.bits.overrides.emplace_back(report.layers[i].layer.name, plan.bits[i]);
    adaround::saveConfigFile(config, path);
}

int runSensitivity(const SensitivityOptions& o)
{
    adaround::AdaRoundConfig config;
    o.knobs.applyTo(config);
    o.shared.applyTo(config);
    const std::vector<int> bits = parseBitList(lastValue(o.bits));
    const bool json = flagIsSet(o.json), quiet = flagIsSet(o.quiet);
    if (o.budgetBits->count() && o.budgetKb->count())
        throw UsageError("give one budget: --budget-bits or --budget-kb");
    const bool planned = o.budgetBits->count() || o.budgetKb->count();
    if (o.apply->count() && !planned)
        throw UsageError("--apply writes a plan: give a budget too (--budget-bits or --budget-kb)");
    const double budgetAverage = o.budgetBits->count() ? positive(o.budgetBits) : 0;
    const double budgetKb = o.budgetKb->count() ? positive(o.budgetKb) : 0;
    const std::string applyPath = lastValue(o.apply);
    if (o.apply->count() && applyPath.empty())
        throw UsageError("--apply needs a file name");
    const bool withAdaRound = flagIsSet(o.adaround);
    if (withAdaRound && config.calibDir.empty())
        throw UsageError("--adaround needs calibration images: --calib DIR");
    noteThreadLimit(config.threads);
    adaround::setThreads(config.threads);

    adaround::RunControl control;
    g_control = &control;
    struct ControlReset {
        ~ControlReset() { g_control = nullptr; }
    } reset;
    std::signal(SIGINT, onSensitivityInterrupt);
    std::signal(SIGTERM, onSensitivityInterrupt);

    TerminalProgress progress(!quiet);
    const auto show = [&](const adaround::Progress& p) { progress.update(p); };
    adaround::SensitivityRequest request = adaround::sensitivityRequestFor(config, bits);
    request.withAdaRound = withAdaRound;
    adaround::SensitivityAnalysis analysis(request, show);
    const adaround::SensitivityReport report = analysis.run(show, control);
    progress.finish();
    printSkipped(report.skippedImages, std::cerr);
    if (report.cancelled) {
        std::cerr << "adaround-cli: sensitivity cancelled\n";
        return kCancelled;
    }

    std::optional<PlanOutcome> outcome;
    if (planned) {
        const std::vector<adaround::PlanLayer> layers = planLayers(report);
        PlanOutcome p;
        p.budgetBits = budgetKb > 0 ? adaround::budgetForKilobytes(budgetKb)
                                    : adaround::budgetForAverageBits(layers, budgetAverage);
        p.plan = adaround::planPrecision(layers, p.budgetBits);
        p.measured = analysis.evaluateBits(p.plan.bits);
        if (!applyPath.empty()) {
            writePlanConfig(applyPath, config, report, p.plan);
            p.configPath = applyPath;
        }
        outcome = p;
    }
    if (json) {
        std::cout << adaround::dumpJson(sensitivityJson(report, outcome)) << std::endl;
    } else {
        printSensitivityTable(report, std::cout);
        if (outcome)
            printPlan(report, *outcome, std::cout);
    }
    return kOk;
}

} // namespace

CommandRunner addSensitivityCommand(CLI::App& app)
{
    CLI::App* cmd = app.add_subcommand(
        "sensitivity", "Per-layer top-1 drop and logit MSE at each bit-width (round-to-nearest), and a "
                       "mixed-precision plan for a size budget.");
    cmd->footer("Each layer alone is rounded to nearest (the others FP32), and the converse: every layer but it.\n"
                "Scored on --eval-subset images of the eval folder (0 = all). Weights only: activations stay\n"
                "in float. --calib serves --adaround and a new --apply configuration.");
    auto o = std::make_shared<SensitivityOptions>(*cmd);
    return [o, cmd] {
        rejectLeftovers(*cmd);
        return runSensitivity(*o);
    };
}

} // namespace cli
