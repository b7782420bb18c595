#include "adaround/adaround_run.h"
#include "adaround/config_json.h"
#include "adaround/error.h"
#include "adaround/json.h"
#include "adaround/observer_list.h"
#include "adaround/run_export.h"
#include "adaround/run_log.h"
#include "cli_observer.h"
#include "commands.h"
#include "option_helpers.h"
#include "run_options.h"
#include "run_outputs.h"
#include "run_report.h"
#include "shared_options.h"

#include <CLI/CLI.hpp>

#include <csignal>
#include <filesystem>
#include <iostream>
#include <memory>

namespace cli {
namespace {

adaround::RunControl* g_control = nullptr;

extern "C" void onInterrupt(int)
{
    if (g_control)
        g_control->cancel(); // the engine stops at its next step and reports what it completed
}

// CONFIG is the run's own: a run cancelled while loading images never sent
// RunStarted, and its result holds a default one.
void printJson(const adaround::RunResult& r, const adaround::AdaRoundConfig& config, const std::string& logPath)
{
    const bool completed = r.end == adaround::RunEnd::Completed;
    adaround::Json doc = {{"status", completed ? "completed" : "cancelled"}};
    if (completed)
        addAccuracyJson(doc, r.final);
    else // never measured: null, not 0%
        doc["fp32"] = doc["rtn"] = doc["adaround"] = nullptr;
    doc["seconds"] = r.final.seconds;
    doc["config"] = adaround::parseJson(adaround::configToJson(config));
    doc["calib_images"] = r.hasStarted ? adaround::Json(r.started.calibImages) : adaround::Json(); // never loaded: null
    doc["eval_images"] = r.hasStarted ? adaround::Json(r.started.evalImages) : adaround::Json();
    doc["classes"] = r.hasStarted ? classesJson(r.started.classes, true) : adaround::Json();
    doc["skipped_images"] = r.started.skippedCalib.size() + r.started.skippedEval.size();
    doc["skipped_files"] = {{"calib", skippedJson(r.started.skippedCalib)}, {"eval", skippedJson(r.started.skippedEval)}};
    adaround::Json layers = adaround::Json::array();
    for (const auto& l : r.layers)
        layers.push_back(layerJson(l));
    doc["layers"] = std::move(layers);
    doc["left_in_float"] = floatLayersJson(r.started.floatLayers);
    doc["subset_baseline"] = baselineJson(r.baseline);
    doc["progress"] = progressJson(r.progress);
    doc["log"] = logPath.empty() ? adaround::Json() : adaround::Json(logPath);
    std::cout << adaround::dumpJson(doc) << std::endl;
}

void printTables(const adaround::RunResult& r)
{
    if (!r.hasStarted) {
        std::cout << "cancelled before the first layer (while loading the model and images)\n";
        return;
    }
    printLayerTable(r.layers, std::cout);
    printFloatLayers(r.started.floatLayers, std::cout);
    if (r.end != adaround::RunEnd::Completed)
        return;
    std::cout << "\n";
    printAccuracyTable(r.final, std::cout);
}

int runAdaRound(const RunSettings& o)
{
    const adaround::AdaRoundConfig& config = o.config;
    checkRunOutputs(o); // a refused output fails now, not after the run
    if (!o.saveConfigPath.empty()) {
        saveRunConfig(o);
        if (!o.quiet)
            std::cerr << "saved the effective configuration to " << o.saveConfigPath << "\n";
    }
    noteThreadLimit(config.threads);
    const std::string exportDir = o.exportDir;

    // Ctrl+C cancels from here on (before the log's path is printed, so that a
    // signal right after it cancels the run instead of killing the process).
    adaround::RunControl control;
    g_control = &control;
    struct ControlReset {
        ~ControlReset() { g_control = nullptr; }
    } controlReset;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);

    const std::unique_ptr<adaround::RunLogWriter> log = openRunLog(o);
    const std::string logPath = log ? log->path() : "";
    if (log && !o.quiet)
        std::cerr << "run log: " << logPath << "\n";

    CliObserver progress(!o.quiet);
    adaround::ObserverList observers;
    if (log)
        observers.add(*log); // first: a layer is on disk before the CLI reports it finished
    observers.add(progress);
    adaround::AdaRoundRun run(config);
    const adaround::RunResult result = run.run(observers, control);
    g_control = nullptr;
    progress.finish();

    if (result.end == adaround::RunEnd::Failed)
        throw adaround::Error(result.error);
    // A failed write is reported after the results, which are printed anyway.
    std::vector<std::string> writeErrors;
    if (!exportDir.empty() && result.end == adaround::RunEnd::Completed) {
        try {
            const auto files = adaround::exportRun(run, result, exportDir, o.force);
            if (!o.quiet)
                std::cerr << "exported " << files.size() << " files to " << exportDir
                          << " (model.pt, encodings.json, weights/)\n";
        } catch (const adaround::Error& e) {
            writeErrors.push_back(e.what());
        }
    }
    if (o.json)
        printJson(result, config, logPath);
    else
        printTables(result);
    if (log && !log->writeError().empty())
        writeErrors.push_back("the run log is incomplete: " + log->writeError());
    if (!writeErrors.empty()) {
        std::string all = writeErrors.front();
        for (size_t i = 1; i < writeErrors.size(); ++i)
            all += "; " + writeErrors[i];
        throw adaround::Error(all);
    }
    if (result.end == adaround::RunEnd::Cancelled) {
        std::cerr << "adaround-cli: run cancelled after " << result.layers.size() << " layers\n";
        return kCancelled;
    }
    return kOk;
}

} // namespace

CommandRunner addRunCommand(CLI::App& app)
{
    CLI::App* cmd = app.add_subcommand("run", "AdaRound, layer by layer, then FP32 / RTN / AdaRound top-1 and top-5.");
    cmd->footer("The options of the groups Data to Observation are the knob table's (the GUI's hyperparameters,\n"
                "the keys of --config files). Precedence: defaults < --config FILE < options given here.");
    auto o = std::make_shared<RunOptions>(*cmd);
    return [o, cmd] {
        rejectLeftovers(*cmd);
        return runAdaRound(o->read());
    };
}

} // namespace cli
