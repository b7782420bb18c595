// adaround-cli ablate: the paper's design choices, each changed alone, on the
// same data, seeds and threads (issue 14), as a table of top-1 (mean ± std
// over seeds) and mean rec MSE, like the paper's design-choice tables.
#include "adaround/ablation.h"
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

adaround::RunControl* g_control = nullptr;

extern "C" void onAblateInterrupt(int)
{
    if (g_control)
        g_control->cancel();
}

int runAblation(const RunSettings& o, int seeds, const std::string& list)
{
    if (!o.logPath.empty() || !o.exportDir.empty() || !o.saveConfigPath.empty())
        throw UsageError("ablate writes no run log, export or configuration (--log, --export, --save-config)");
    std::vector<adaround::AblationVariant> variants;
    try {
        variants = adaround::chooseAblationVariants(list);
    } catch (const adaround::Error& e) {
        throw UsageError(std::string("--variants: ") + e.what());
    }
    adaround::RunControl control;
    g_control = &control;
    std::signal(SIGINT, onAblateInterrupt);
    std::signal(SIGTERM, onAblateInterrupt);
    const adaround::AblationResult r = adaround::runAblation(
        o.config, variants, seeds,
        [&o](const adaround::AblationProgress& p) {
            if (!o.quiet && !p.variant.empty())
                std::cerr << "ablate: " << p.variant << ", seed " << p.seed << " (run " << p.done + 1 << " of "
                          << p.total << ")\n";
        },
        control);
    g_control = nullptr;
    if (!r.error.empty())
        throw adaround::Error(r.error);
    if (r.cancelled) {
        std::cerr << "adaround-cli: ablation cancelled\n";
        return kCancelled;
    }

    TextTable table({"variant", "top-1 mean", "± std", "rec MSE"}, {false, true, true, true});
    for (const adaround::AblationRow& row : r.rows)
        table.addRow({row.variant.name, fixed(row.mean(), 2), fixed(row.std(), 2),
                      row.variant.isRtn ? "-" : scientific(row.meanRecMse())});
    if (o.json)
        std::cout << adaround::ablationToJson(r) << std::endl;
    else
        table.print(std::cout);
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
