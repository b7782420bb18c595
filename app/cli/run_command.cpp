#include "adaround/adaround_run.h"
#include "adaround/config_json.h"
#include "adaround/error.h"
#include "adaround/json_writer.h"
#include "adaround/observer_list.h"
#include "adaround/run_export.h"
#include "adaround/run_log.h"
#include "arg_parser.h"
#include "cli_observer.h"
#include "commands.h"
#include "quant_options.h"
#include "run_report.h"

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

std::pair<double, double> parseBeta(const std::string& s)
{
    const size_t colon = s.find(':');
    try {
        if (colon != std::string::npos)
            return {std::stod(s.substr(0, colon)), std::stod(s.substr(colon + 1))};
    } catch (const std::exception&) {
    }
    throw UsageError("--beta needs START:END, e.g. 20:2, got '" + s + "'");
}

// Defaults, then --config FILE, then the options given on the command line.
adaround::AdaRoundConfig configFrom(const ArgParser& p)
{
    adaround::AdaRoundConfig c = p.has("config") ? adaround::loadConfigFile(p.value("config")) : adaround::AdaRoundConfig{};
    auto text = [&](const char* name, std::string& field) {
        if (p.has(name))
            field = p.value(name);
        if (field.empty())
            throw UsageError(std::string("--") + name + " is required (on the command line or in --config)");
    };
    text("model", c.modelPath);
    text("calib", c.calibDir);
    text("eval", c.evalDir);
    auto integer = [&](const char* name, int& field, int min, int max) { field = p.intValue(name, field, min, max); };
    auto number = [&](const char* name, double& field) { field = p.doubleValue(name, field); };
    readQuantOptions(p, c.bits, c.quant);
    for (const auto& name : p.values("rtn-layer"))
        c.rtnOnlyLayers.push_back(name);
    if (p.has("preprocess"))
        c.preprocessName = p.value("preprocess");
    integer("iters", c.iterations, 1, 10000000);
    integer("batch", c.batchSize, 1, 65536);
    number("lr", c.learningRate);
    number("lambda", c.lambda);
    if (p.has("beta"))
        std::tie(c.betaStart, c.betaEnd) = parseBeta(p.value("beta"));
    number("warmup", c.warmup);
    if (p.has("schedule"))
        c.schedule = adaround::parseSchedule(p.value("schedule"));
    if (p.has("objective"))
        c.objective = adaround::parseObjective(p.value("objective"));
    integer("calib-size", c.calibSize, 1, 10000000);
    integer("eval-subset", c.evalSubset, 0, 10000000);
    if (p.has("seed"))
        c.seed = uint64_t(p.intValue("seed", 0, 0, 2147483647));
    integer("threads", c.threads, 0, 1024);
    c.validate();
    return c;
}

void printJson(const adaround::RunResult& r, const std::string& logPath)
{
    adaround::JsonWriter j;
    j.beginObject().key("status").value(r.end == adaround::RunEnd::Completed ? "completed" : "cancelled");
    writeAccuracyJson(j, r.final);
    j.key("seconds").value(r.final.seconds);
    j.key("config").raw(adaround::configToJson(r.started.config));
    j.key("layers").beginArray();
    for (const auto& l : r.layers)
        writeLayerJson(j, l);
    j.endArray().key("progress");
    writeProgressJson(j, r.progress);
    j.key("log");
    if (logPath.empty())
        j.null();
    else
        j.value(logPath);
    j.endObject();
    std::cout << j.str() << std::endl;
}

void printTables(const adaround::RunResult& r)
{
    printLayerTable(r.layers, std::cout);
    if (r.end != adaround::RunEnd::Completed)
        return;
    std::cout << "\n";
    printAccuracyTable(r.final, std::cout);
}

// The run log's writer, on a fresh default path unless --log names one.
std::unique_ptr<adaround::RunLogWriter> openRunLog(const ArgParser& p)
{
    if (p.has("no-log")) {
        if (p.has("log"))
            throw UsageError("--log and --no-log exclude each other");
        return nullptr;
    }
    if (p.has("log"))
        return std::make_unique<adaround::RunLogWriter>(p.value("log"));
    const std::string dir = adaround::defaultRunsDir();
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec)
        throw adaround::Error(dir + ": cannot create the runs folder: " + ec.message() + " (use --log FILE or --no-log)");
    for (int attempt = 1;; ++attempt) {
        const std::string path = adaround::defaultRunLogPath(dir);
        try {
            return std::make_unique<adaround::RunLogWriter>(path);
        } catch (const adaround::Error&) {
            // Another run took the name in the same second: take the next one.
            if (attempt == 5 || !std::filesystem::exists(path))
                throw;
        }
    }
}

} // namespace

int runAdaRound(const std::vector<std::string>& args)
{
    ArgParser p;
    p.flag("json").flag("per-tensor").flag("symmetric").flag("quiet").flag("no-log");
    for (const char* o : {"model", "calib", "eval", "bits", "bits-layer", "rtn-layer", "first-last-bits", "preprocess",
                          "iters", "batch", "lr", "lambda", "beta", "warmup", "schedule", "objective", "calib-size",
                          "eval-subset", "seed", "threads", "export", "config", "save-config", "log"})
        p.option(o);
    p.parse(args);
    if (!p.positionals().empty())
        throw UsageError("unexpected argument '" + p.positionals()[0] + "'");
    adaround::AdaRoundConfig config;
    try {
        config = configFrom(p);
    } catch (const adaround::Error& e) {
        throw UsageError(e.what());
    }

    if (p.has("save-config")) {
        adaround::saveConfigFile(config, p.value("save-config"));
        if (!p.has("quiet"))
            std::cerr << "saved the effective configuration to " << p.value("save-config") << "\n";
    }
    const std::string exportDir = p.value("export");
    if (!exportDir.empty())
        adaround::checkExportFolder(exportDir); // fail now, not after the run

    const std::unique_ptr<adaround::RunLogWriter> log = openRunLog(p);
    const std::string logPath = log ? log->path() : "";
    if (log && !p.has("quiet"))
        std::cerr << "run log: " << logPath << "\n";

    adaround::RunControl control;
    g_control = &control;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    CliObserver progress(!p.has("quiet"));
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
    if (!exportDir.empty() && result.end == adaround::RunEnd::Completed) {
        const auto files = adaround::exportRun(run, result, exportDir);
        if (!p.has("quiet"))
            std::cerr << "exported " << files.size() << " files to " << exportDir
                      << " (model.pt, encodings.json, weights/)\n";
    }
    if (p.has("json"))
        printJson(result, logPath);
    else
        printTables(result);
    if (log && !log->writeError().empty())
        throw adaround::Error("the run log is incomplete: " + log->writeError());
    if (result.end == adaround::RunEnd::Cancelled) {
        std::cerr << "adaround-cli: run cancelled after " << result.layers.size() << " layers\n";
        return kCancelled;
    }
    return kOk;
}

} // namespace cli
