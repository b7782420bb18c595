#pragma once
// The paper's design choices, each changed alone (issue 14): whole runs of
// the same configuration with one choice switched, on the same data, seeds
// and threads, summarised as the paper's design-choice tables are: top-1 mean
// ± std over seeds and the mean rec MSE over the optimised layers. Seeds are
// the configuration's seed, seed + 1, ...; the default variant at its first
// seed is a plain run of the configuration.
#include "adaround/adaround_config.h"
#include "adaround/run_control.h"

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace adaround {

struct AblationVariant {
    std::string name;
    std::string description; // for tables and tooltips
    std::vector<std::pair<std::string, std::string>> knobs; // knob key -> value, over the configuration
    bool isRtn = false;      // round-to-nearest: the floor every run measures, no run of its own
};

// default, recon-input=float, recon-target=pre, sigmoid-temperature, ste,
// lambda0 (relaxation none), rtn: in that order.
const std::vector<AblationVariant>& ablationVariants();
// "a,b,..." from ablationVariants(), in the order given; "" = all. Throws
// Error naming an unknown variant and listing the names.
std::vector<AblationVariant> chooseAblationVariants(const std::string& list);

struct AblationRow {
    AblationVariant variant;
    std::vector<double> top1;   // per seed, percent (the whole eval folder)
    std::vector<double> recMse; // per seed: mean over optimised layers of the kept rounding's rec MSE (empty for rtn)
    double mean() const;
    double std() const;         // sample standard deviation (0 with one seed)
    double meanRecMse() const;
};

struct AblationResult {
    std::vector<uint64_t> seeds;
    std::vector<AblationRow> rows; // in the variants' order
    bool cancelled = false;
    std::string error;             // non-empty: a run failed (its variant named)
};

struct AblationProgress {
    std::string variant;
    uint64_t seed = 0;
    int done = 0, total = 0;       // runs
};

// Runs every variant at every seed. Never throws; cancelled via CONTROL
// between and inside runs (the rows then hold the seeds completed by all).
AblationResult runAblation(const AdaRoundConfig& config, const std::vector<AblationVariant>& variants, int seeds,
                           const std::function<void(const AblationProgress&)>& progress, const RunControl& control);

// The result as `adaround-cli ablate --json` prints it: {"variants": [{"name",
// "default", "top1": [per seed], "mean", "std", "rec_mse" (null for rtn)}],
// "seeds": [...]}; and back (variants by name; Error for text that is not
// such an object, naming what is wrong).
std::string ablationToJson(const AblationResult& result);
AblationResult ablationFromJson(const std::string& text);

} // namespace adaround
