// adaround-cli study stochastic: the paper's stochastic-rounding experiment on
// one layer (adaround/stochastic_study.h); adaround-cli study show: a study log.
#include "adaround/error.h"
#include "adaround/json.h"
#include "adaround/knobs.h"
#include "adaround/stochastic_study.h"
#include "adaround/study_log.h"
#include "commands.h"
#include "knob_options.h"
#include "option_helpers.h"
#include "shared_options.h"
#include "study_report.h"
#include "terminal_progress.h"

#include <CLI/CLI.hpp>

#include <csignal>
#include <filesystem>
#include <iostream>
#include <memory>

namespace cli {
namespace {

adaround::RunControl* g_studyControl = nullptr;

extern "C" void onStudyInterrupt(int)
{
    if (g_studyControl)
        g_studyControl->cancel(); // the study stops at its next image chunk, sample or iteration
}

// The knobs that mean something to a study: data, grid, AdaRound's own (for
// --with-adaround), runtime. --bits is the studied layer's bit-width.
const std::vector<std::string> kStudyKnobs = {
    "model",     "calib",         "eval",        "preprocess", "calib_size",   "eval_subset",  "bits",
    "per_channel", "symmetric",   "iterations",  "batch_size", "learning_rate", "lambda",      "beta_start",
    "beta_end",  "warmup",        "schedule",    "objective",  "seed",          "threads",     "fused_kernels",
    "im2col_convs", "memory_budget_mib"};

adaround::AdaRoundConfig studyDefaults()
{
    adaround::AdaRoundConfig c;
    c.evalSubset = 0; // the study's top-1 is on the whole folder unless --eval-subset K
    return c;
}

struct StudyOptions {
    explicit StudyOptions(CLI::App& cmd)
        : knobs(cmd, studyDefaults(), kStudyKnobs), shared(cmd),
          layer(addValueOption(cmd, "--layer", "NAME", "the layer studied (adaround-cli inspect lists them)")
                    ->group("Study")
                    ->required()),
          samples(addValueOption(cmd, "--samples", "N", "stochastic roundings drawn (1-10000) [default 100]")
                      ->group("Study")),
          withAdaRound(addPlainFlag(cmd, "--with-adaround",
                                    "also optimise the layer with AdaRound (the knobs of group Optimisation)")
                           ->group("Study")),
          log(addValueOption(cmd, "--log", "FILE",
                             "the HDF5 study log [default: a new study-<date>-<time>.h5 in "
                             "$XDG_DATA_HOME/adaround-workbench/studies or ~/.local/share/adaround-workbench/"
                             "studies]; never overwrites")
                  ->group("Files")),
          noLog(addPlainFlag(cmd, "--no-log", "write no study log")->group("Files")),
          json(addPlainFlag(cmd, "--json", "print the result as one JSON object on stdout")->group("Output")),
          quiet(addPlainFlag(cmd, "--quiet", "no progress on stderr")->group("Output"))
    {
        knobs.require("model");
        knobs.require("calib");
        knobs.require("eval");
        log->excludes(noLog);
        bitsLayer = cmd.get_option("--bits-layer");
    }

    adaround::StudyRequest read() const
    {
        if (bitsLayer->count())
            throw UsageError("--bits-layer does not apply to a study: every layer but --layer stays in FP32, "
                             "at --bits");
        adaround::StudyRequest r;
        r.config = studyDefaults();
        knobs.applyTo(r.config);
        shared.applyTo(r.config);
        try {
            r.config.validate();
        } catch (const adaround::Error& e) {
            throw UsageError(e.what());
        }
        r.layer = lastValue(layer);
        r.bits = r.config.bits.defaultBits;
        r.samples = 100;
        if (samples->count() &&
            (!parseWhole(lastValue(samples), &r.samples) || r.samples < 1 || r.samples > adaround::kMaxStudySamples))
            throw UsageError("--samples must be a whole number from 1 to " +
                             std::to_string(adaround::kMaxStudySamples) + ", got '" + lastValue(samples) + "'");
        r.withAdaRound = flagIsSet(withAdaRound);
        if (log->count() && lastValue(log).empty())
            throw UsageError("--log needs a file name");
        return r;
    }

    KnobOptions knobs;
    SharedOptions shared;
    CLI::Option* layer;
    CLI::Option* samples;
    CLI::Option* withAdaRound;
    CLI::Option* log;
    CLI::Option* noLog;
    CLI::Option* json;
    CLI::Option* quiet;
    CLI::Option* bitsLayer = nullptr;
};

// Progress of the study's phases and samples on stderr.
class StudyProgress : public adaround::StudyObserver {
public:
    explicit StudyProgress(bool enabled) : bar_(enabled) {}
    void onEvent(const adaround::StudyEvent& event) override
    {
        if (const auto* p = std::get_if<adaround::PhaseProgress>(&event))
            bar_.update({p->detail, p->done, p->total});
    }
    void finish() { bar_.finish(); }

private:
    TerminalProgress bar_;
};

std::unique_ptr<adaround::StudyLogWriter> openStudyLog(const StudyOptions& o)
{
    if (flagIsSet(o.noLog))
        return nullptr;
    if (o.log->count())
        return std::make_unique<adaround::StudyLogWriter>(lastValue(o.log));
    const std::string dir = adaround::defaultStudiesDir();
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec)
        throw adaround::Error(dir + ": cannot create the studies folder: " + ec.message() +
                              " (use --log FILE or --no-log)");
    for (int attempt = 1;; ++attempt) {
        const std::string path = adaround::defaultStudyLogPath(dir);
        try {
            return std::make_unique<adaround::StudyLogWriter>(path);
        } catch (const adaround::Error&) {
            if (attempt == 5 || !std::filesystem::exists(path)) // another study took the name: the next one
                throw;
        }
    }
}

int runStudy(const StudyOptions& o)
{
    const adaround::StudyRequest request = o.read();
    const bool quiet = flagIsSet(o.quiet);
    noteThreadLimit(request.config.threads);
    adaround::RunControl control;
    g_studyControl = &control;
    struct ControlReset {
        ~ControlReset() { g_studyControl = nullptr; }
    } controlReset;
    std::signal(SIGINT, onStudyInterrupt);
    std::signal(SIGTERM, onStudyInterrupt);

    const std::unique_ptr<adaround::StudyLogWriter> log = openStudyLog(o);
    const std::string logPath = log ? log->path() : "";
    if (log && !quiet)
        std::cerr << "study log: " << logPath << "\n";
    StudyProgress progress(!quiet);
    adaround::StudyObserverList observers;
    if (log)
        observers.add(*log); // first: a sample is on disk before it is reported
    observers.add(progress);
    const adaround::StudyRecord record = adaround::runStochasticStudy(request, observers, control);
    g_studyControl = nullptr;
    progress.finish();

    if (record.end == adaround::RunEnd::Failed)
        throw adaround::Error(record.error);
    if (flagIsSet(o.json))
        std::cout << adaround::dumpJson(studyJson(record, logPath)) << std::endl;
    else
        printStudySummary(record, std::cout);
    if (log && !log->writeError().empty())
        throw adaround::Error("the study log is incomplete: " + log->writeError());
    if (record.end == adaround::RunEnd::Cancelled) {
        std::cerr << "adaround-cli: study cancelled after " << record.samples.size() << " samples\n";
        return kCancelled;
    }
    return kOk;
}

int showStudy(const std::string& file, bool json)
{
    const adaround::StudyLog log = adaround::readStudyLog(file);
    if (json)
        std::cout << adaround::dumpJson(studyJson(log.record, file)) << std::endl;
    else
        printStudySummary(log.record, std::cout);
    return kOk;
}

} // namespace

CommandRunner addStudyCommand(CLI::App& app)
{
    CLI::App* study = app.add_subcommand("study", "Teaching experiments: study stochastic, study show FILE.");
    study->require_subcommand(0, 1);
    CLI::App* stochastic = study->add_subcommand(
        "stochastic", "Round one layer at random N times (up with probability = fractional part), every other "
                      "layer in FP32: top-1 and rec MSE of each against round-to-nearest (and AdaRound).");
    auto o = std::make_shared<StudyOptions>(*stochastic);
    CLI::App* show = study->add_subcommand("show", "Print a study log (written by study stochastic).");
    auto file = std::make_shared<std::string>();
    show->add_option("FILE", *file, "the HDF5 study log")->required()->type_name("");
    CLI::Option* showJson = addPlainFlag(*show, "--json", "print it as one JSON object on stdout");
    return [=] {
        if (!stochastic->parsed() && !show->parsed()) {
            const std::vector<std::string> left = study->remaining();
            if (!left.empty() && left.front().rfind('-', 0) != 0)
                throw UsageError("unknown study subcommand '" + left.front() + "' (stochastic, show)");
            rejectLeftovers(*study);
            throw UsageError("study needs a subcommand: stochastic or show");
        }
        rejectLeftovers(*study);
        if (show->parsed()) {
            rejectLeftovers(*show);
            return showStudy(*file, flagIsSet(showJson));
        }
        rejectLeftovers(*stochastic);
        return runStudy(*o);
    };
}

} // namespace cli
