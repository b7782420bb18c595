// adaround-cli ablate: the paper's design choices, each changed alone, on the
// same data, seeds and threads (issue 14), as a table of top-1 (mean ± std
// over seeds) and mean rec MSE, like the paper's design-choice tables.
#include "adaround/adaround_run.h"
#include "adaround/error.h"
#include "adaround/json.h"
#include "adaround/knobs.h"
#include "commands.h"
#include "option_helpers.h"
#include "run_options.h"
#include "text_table.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <iostream>
#include <memory>
#include <sstream>

namespace cli {
namespace {

struct Variant {
    std::string name;
    std::vector<std::pair<std::string, std::string>> knobs; // knob key -> value, over the run's settings
};

// The default first; rtn is the floor, the RTN top-1 every run measures.
const std::vector<Variant>& allVariants()
{
    static const std::vector<Variant> v = {
        {"default", {}},
        {"recon-input=float", {{"recon_input", "float"}}},
        {"recon-target=pre", {{"recon_target", "pre"}}},
        {"sigmoid-temperature", {{"relaxation", "sigmoid-temperature"}}},
        {"ste", {{"relaxation", "ste"}}},
        {"lambda0", {{"relaxation", "none"}}},
        {"rtn", {}},
    };
    return v;
}

std::vector<Variant> chosenVariants(const std::string& list)
{
    if (list.empty())
        return allVariants();
    std::vector<Variant> out;
    std::stringstream ss(list);
    std::string name;
    while (std::getline(ss, name, ',')) {
        const auto& all = allVariants();
        const auto it = std::find_if(all.begin(), all.end(), [&](const Variant& v) { return v.name == name; });
        if (it == all.end()) {
            std::string names;
            for (const Variant& v : all)
                names += (names.empty() ? "" : ", ") + v.name;
            throw UsageError("--variants: unknown variant '" + name + "' (" + names + ")");
        }
        out.push_back(*it);
    }
    return out;
}

adaround::RunControl* g_control = nullptr;

extern "C" void onAblateInterrupt(int)
{
    if (g_control)
        g_control->cancel();
}

struct Outcome {
    std::vector<double> top1;
    std::vector<double> recMse; // mean over the optimised layers of the hard rounding's rec MSE, per seed
};

double mean(const std::vector<double>& v)
{
    double s = 0;
    for (double x : v)
        s += x;
    return v.empty() ? 0 : s / double(v.size());
}

double stddev(const std::vector<double>& v)
{
    if (v.size() < 2)
        return 0;
    const double m = mean(v);
    double s = 0;
    for (double x : v)
        s += (x - m) * (x - m);
    return std::sqrt(s / double(v.size() - 1));
}

int runAblation(const RunSettings& o, int seeds, const std::string& list)
{
    if (!o.logPath.empty() || !o.exportDir.empty() || !o.saveConfigPath.empty())
        throw UsageError("ablate writes no run log, export or configuration (--log, --export, --save-config)");
    const std::vector<Variant> variants = chosenVariants(list);
    std::vector<Outcome> outcomes(variants.size());
    adaround::RunControl control;
    g_control = &control;
    std::signal(SIGINT, onAblateInterrupt);
    for (int k = 0; k < seeds; ++k) {
        double rtnTop1 = std::nan("");
        for (size_t i = 0; i < variants.size(); ++i) {
            if (variants[i].name == "rtn")
                continue;
            adaround::AdaRoundConfig c = o.config;
            c.seed = o.config.seed + uint64_t(k);
            for (const auto& [key, value] : variants[i].knobs) {
                const adaround::Knob& knob = *adaround::findKnob(key);
                knob.set(c, adaround::parseKnobValue(knob, value));
            }
            if (!o.quiet)
                std::cerr << "ablate: " << variants[i].name << ", seed " << c.seed << "\n";
            adaround::CallbackObserver silent([](const adaround::RunEvent&) {});
            adaround::AdaRoundRun run(c);
            const adaround::RunResult r = run.run(silent, control);
            if (r.end == adaround::RunEnd::Failed)
                throw adaround::Error(variants[i].name + ": " + r.error);
            if (r.end == adaround::RunEnd::Cancelled) {
                std::cerr << "adaround-cli: ablation cancelled\n";
                return kCancelled;
            }
            std::vector<double> mse;
            for (const auto& l : r.layers)
                if (l.optimised)
                    mse.push_back(l.keptRtn ? l.recMseRtn : l.recMseHard);
            outcomes[i].top1.push_back(r.final.adaround.top1);
            outcomes[i].recMse.push_back(mean(mse));
            rtnTop1 = r.final.rtn.top1; // RTN does not depend on the variant or the seed
        }
        for (size_t i = 0; i < variants.size(); ++i)
            if (variants[i].name == "rtn")
                outcomes[i].top1.push_back(rtnTop1);
    }
    g_control = nullptr;

    adaround::Json all = adaround::Json::array();
    TextTable table({"variant", "top-1 mean", "± std", "rec MSE"}, {false, true, true, true});
    for (size_t i = 0; i < variants.size(); ++i) {
        const Outcome& out = outcomes[i];
        const bool rtn = variants[i].name == "rtn";
        all.push_back({{"name", variants[i].name},
                       {"default", variants[i].name == "default"},
                       {"top1", out.top1},
                       {"mean", mean(out.top1)},
                       {"std", stddev(out.top1)},
                       {"rec_mse", rtn ? adaround::Json() : adaround::Json(mean(out.recMse))}});
        table.addRow({variants[i].name, fixed(mean(out.top1), 2), fixed(stddev(out.top1), 2),
                      rtn ? "-" : scientific(mean(out.recMse))});
    }
    if (o.json) {
        adaround::Json seedList = adaround::Json::array();
        for (int k = 0; k < seeds; ++k)
            seedList.push_back(o.config.seed + uint64_t(k));
        std::cout << adaround::dumpJson({{"variants", all}, {"seeds", seedList}}) << std::endl;
    } else {
        table.print(std::cout);
    }
    return kOk;
}

} // namespace

CommandRunner addAblateCommand(CLI::App& app)
{
    CLI::App* cmd = app.add_subcommand(
        "ablate", "The paper's design choices, each changed alone, on the same data and seeds: top-1 and rec MSE.");
    cmd->footer("Accepts every option of run. Variants: default, recon-input=float, recon-target=pre,\n"
                "sigmoid-temperature, ste, lambda0 (relaxation none) and rtn (round-to-nearest, the floor).\n"
                "Seeds are --seed, --seed+1, ...; the default variant at its first seed is a plain run.");
    auto o = std::make_shared<RunOptions>(*cmd);
    CLI::Option* seeds = addValueOption(*cmd, "--seeds", "K", "seeds per variant: --seed, --seed+1, ... (1)");
    CLI::Option* variants = addValueOption(*cmd, "--variants", "A,B,...", "the variants to run (all)");
    return [o, cmd, seeds, variants] {
        rejectLeftovers(*cmd);
        int k = 1;
        if (seeds->count() && (!parseWhole(lastValue(seeds), &k) || k < 1 || k > 100))
            throw UsageError("--seeds must be between 1 and 100, got '" + lastValue(seeds) + "'");
        return runAblation(o->read(), k, variants->count() ? lastValue(variants) : "");
    };
}

} // namespace cli
