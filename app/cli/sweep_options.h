#pragma once
// The options of `sweep`: the run's configuration (every knob, the shared
// per-layer and preprocessing options, --config, --beta, --rtn-layer: the
// sweep's base), what varies (--grid, --random/--range, --seeds, --preset),
// where it goes (--out) and how it runs (--jobs locally, or --slurm with its
// resource requests; --dry-run).
#include "adaround/sweep_slurm.h"
#include "adaround/sweep_spec.h"
#include "knob_options.h"
#include "shared_options.h"

#include <string>

namespace CLI {
class App;
class Option;
} // namespace CLI

namespace cli {

struct SweepSettings {
    adaround::SweepSpec spec;
    std::string out;
    int jobs = 1;
    bool slurm = false;
    bool dryRun = false;
    bool cpusGiven = false;
    adaround::SlurmOptions slurmOptions;
};

class SweepOptions {
public:
    explicit SweepOptions(CLI::App& cmd);

    // Throws UsageError for anything wrong on the command line.
    SweepSettings read() const;

private:
    adaround::AdaRoundConfig baseConfig() const;
    void applyPreset(adaround::SweepSpec& spec) const;

    KnobOptions knobs_;
    SharedOptions shared_;
    CLI::Option* config_;
    CLI::Option* beta_;
    CLI::Option* rtnLayer_;
    CLI::Option* grid_;
    CLI::Option* random_;
    CLI::Option* range_;
    CLI::Option* seeds_;
    CLI::Option* preset_;
    CLI::Option* secondCalib_;
    CLI::Option* out_;
    CLI::Option* jobs_;
    CLI::Option* slurm_;
    CLI::Option* partition_;
    CLI::Option* time_;
    CLI::Option* cpus_;
    CLI::Option* mem_;
    CLI::Option* sbatchArg_;
    CLI::Option* dryRun_;
};

} // namespace cli
