#include "sweep_options.h"

#include "adaround/config_json.h"
#include "adaround/error.h"
#include "adaround/knobs.h"
#include "option_helpers.h"

#include <CLI/CLI.hpp>

namespace cli {
namespace {

const char* const kSweepGroup = "Sweep";
const char* const kSlurmGroup = "Slurm (with --slurm)";
// An sbatch option is an option-like value: given as --sbatch-arg=--qos=short.
const std::string kSbatchArgHelp = wrapText("one more sbatch option, as --sbatch-arg=--qos=short; repeatable");

int positive(const CLI::Option* o, int fallback)
{
    if (!o->count())
        return fallback;
    int n = 0;
    if (!parseWhole(lastValue(o), &n) || n < 1)
        throw UsageError(o->get_name() + " needs a whole number of at least 1, got '" + lastValue(o) + "'");
    return n;
}

template <class F>
auto usage(F&& f) -> decltype(f())
{
    try {
        return f();
    } catch (const adaround::Error& e) {
        throw UsageError(e.what());
    }
}

} // namespace

SweepOptions::SweepOptions(CLI::App& cmd)
    : knobs_(cmd, adaround::AdaRoundConfig{}), shared_(cmd),
      config_(addValueOption(cmd, "--config", "FILE", "the base configuration; options given here override it")
                  ->group("Files")),
      beta_(addValueOption(cmd, "--beta", "START:END", "beta annealed from START to END (base)")->group("Optimisation")),
      rtnLayer_(addListOption(cmd, "--rtn-layer", "NAME", "round this layer to nearest only; repeatable")
                    ->group("Quantization")),
      grid_(addListOption(cmd, "--grid", "KEY=V1,V2,...",
                          "sweep KEY over the values: a run option without dashes (lambda, iters, calib-size, "
                          "calib), a knob key, NAME.bits, or beta=START:END,...; repeatable (the grid's product)")
                ->group(kSweepGroup)),
      random_(addValueOption(cmd, "--random", "N", "N random samples of the --range keys, crossed with the grid")
                  ->group(kSweepGroup)),
      range_(addListOption(cmd, "--range", "KEY=LO:HI[:log]",
                           "a numeric key sampled uniformly (or log-uniformly) in [LO, HI]; repeatable")
                 ->group(kSweepGroup)),
      seeds_(addValueOption(cmd, "--seeds", "K", "run every point with seeds SEED ... SEED+K-1 [default 1]")
                 ->group(kSweepGroup)),
      preset_(addValueOption(cmd, "--preset", "NAME",
                             "the paper's questions: data-robustness (calib-size from the batch size to 1024, "
                             "3 seeds; with --second-calib DIR also that folder), lambda-beta, w4a8-vs-w4")
                  ->group(kSweepGroup)),
      secondCalib_(addValueOption(cmd, "--second-calib", "DIR",
                                  "data-robustness: a calibration folder from another dataset")
                       ->group(kSweepGroup)),
      out_(addValueOption(cmd, "--out", "DIR",
                          "the sweep folder: manifest.json, points/NNN.json, logs/NNN.h5; the same command "
                          "again resumes it")
               ->group(kSweepGroup)),
      jobs_(addValueOption(cmd, "--jobs", "N", "runs at once on this machine; threads are divided among them "
                                               "[default 1]")
                ->group(kSweepGroup)),
      slurm_(addPlainFlag(cmd, "--slurm", "submit one Slurm job array (one point per task) instead of running here")
                 ->group(kSlurmGroup)),
      partition_(addValueOption(cmd, "--partition", "P", "sbatch --partition [default: the cluster's]")->group(kSlurmGroup)),
      time_(addValueOption(cmd, "--time", "T", "sbatch --time per task [default: the partition's]")->group(kSlurmGroup)),
      cpus_(addValueOption(cmd, "--cpus", "C", "CPUs per task [default: --threads, else 1]")->group(kSlurmGroup)),
      mem_(addValueOption(cmd, "--mem", "M", "sbatch --mem per task [default: the partition's]")->group(kSlurmGroup)),
      sbatchArg_(cmd.add_option("--sbatch-arg", kSbatchArgHelp)
                     ->type_name("ARG")
                     ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
                     ->group(kSlurmGroup)),
      dryRun_(addPlainFlag(cmd, "--dry-run", "write the manifest, the points and the sbatch script (or list the "
                                             "commands) without running anything")
                  ->group(kSweepGroup))
{
    beta_->excludes(knobs_.option("beta_start"))->excludes(knobs_.option("beta_end"));
}

adaround::AdaRoundConfig SweepOptions::baseConfig() const
{
    adaround::AdaRoundConfig c;
    if (config_->count())
        c = usage([&] { return adaround::loadConfigFile(lastValue(config_)); });
    knobs_.applyTo(c);
    shared_.applyTo(c);
    for (const auto& name : rtnLayer_->results())
        c.rtnOnlyLayers.push_back(name);
    if (beta_->count())
        usage([&] {
            adaround::applySweepSetting(c, "beta", lastValue(beta_));
            return 0;
        });
    return c;
}

void SweepOptions::applyPreset(adaround::SweepSpec& spec) const
{
    const std::string name = lastValue(preset_);
    auto add = [&](const std::string& text) { spec.grid.push_back(usage([&] { return adaround::parseSweepAxis(text); })); };
    if (name == "data-robustness") {
        // Calibration sizes on a log scale from one batch up to 1024 images.
        std::string sizes;
        for (int n = std::max(1, spec.base.batchSize); n <= 1024; n *= 2)
            sizes += (sizes.empty() ? "" : ",") + std::to_string(n);
        add("calib_size=" + sizes);
        if (secondCalib_->count())
            add("calib=" + spec.base.calibDir + "," + lastValue(secondCalib_));
        if (!seeds_->count())
            spec.seeds = 3;
    } else if (name == "lambda-beta") {
        add("lambda=0.001,0.01,0.1");
        add("beta=20:2,10:2,20:4");
    } else if (name == "w4a8-vs-w4") {
        add("bits=4");
        add("act_bits=0,8");
    } else {
        throw UsageError("--preset must be data-robustness, lambda-beta or w4a8-vs-w4, got '" + name + "'");
    }
    if (secondCalib_->count() && name != "data-robustness")
        throw UsageError("--second-calib goes with --preset data-robustness");
}

SweepSettings SweepOptions::read() const
{
    SweepSettings s;
    s.spec.base = baseConfig();
    for (const std::string& g : grid_->results())
        s.spec.grid.push_back(usage([&] { return adaround::parseSweepAxis(g); }));
    for (const std::string& r : range_->results())
        s.spec.ranges.push_back(usage([&] { return adaround::parseSweepRange(r); }));
    s.spec.random = random_->count() ? positive(random_, 1) : 0;
    s.spec.seeds = positive(seeds_, 1);
    if (preset_->count())
        applyPreset(s.spec);
    else if (secondCalib_->count())
        throw UsageError("--second-calib goes with --preset data-robustness");
    s.out = lastValue(out_);
    if (s.out.empty())
        throw UsageError("sweep needs --out DIR (the sweep folder)");
    s.jobs = positive(jobs_, 1);
    s.slurm = flagIsSet(slurm_);
    s.dryRun = flagIsSet(dryRun_);
    for (const CLI::Option* o : {partition_, time_, cpus_, mem_, sbatchArg_})
        if (o->count() && !s.slurm)
            throw UsageError(o->get_name() + " goes with --slurm");
    if (s.slurm && jobs_->count())
        throw UsageError("--jobs is for local sweeps; Slurm runs every task of the array as it can");
    s.cpusGiven = cpus_->count() > 0;
    s.slurmOptions.cpus = positive(cpus_, s.spec.base.threads > 0 ? s.spec.base.threads : 1);
    s.slurmOptions.partition = lastValue(partition_);
    s.slurmOptions.time = lastValue(time_);
    s.slurmOptions.mem = lastValue(mem_);
    for (const std::string& a : sbatchArg_->results())
        s.slurmOptions.extraArgs.push_back(a);
    return s;
}

} // namespace cli
