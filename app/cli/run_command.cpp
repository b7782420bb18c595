#include "adaround/adaround_run.h"
#include "adaround/config_json.h"
#include "adaround/error.h"
#include "adaround/json_writer.h"
#include "adaround/run_export.h"
#include "arg_parser.h"
#include "cli_observer.h"
#include "commands.h"
#include "quant_options.h"
#include "text_table.h"

#include <csignal>
#include <iostream>

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
    integer("act-bits", c.actBits, 0, 16);
    c.validate();
    return c;
}

void printJson(const adaround::RunResult& r)
{
    adaround::JsonWriter j;
    auto acc = [&](const char* key, const adaround::Accuracy& a) {
        j.key(key).beginObject().key("top1").value(a.top1).key("top5").value(a.top5).endObject();
    };
    j.beginObject().key("status").value(r.end == adaround::RunEnd::Completed ? "completed" : "cancelled");
    acc("fp32", r.final.fp32);
    acc("rtn", r.final.rtn);
    acc("adaround", r.final.adaround);
    j.key("seconds").value(r.final.seconds);
    j.key("config").raw(adaround::configToJson(r.started.config));
    j.key("layers").beginArray();
    for (const auto& l : r.layers) {
        j.beginObject().key("name").value(l.name).key("bits").value(l.bits).key("optimised").value(l.optimised);
        j.key("rec_mse_rtn").value(l.recMseRtn).key("rec_mse_soft").value(l.recMseSoft);
        j.key("rec_mse_hard").value(l.recMseHard).key("flipped_share").value(l.flippedShare);
        j.key("settled_share").value(l.settledShare).key("kept_rtn").value(l.keptRtn);
        j.key("seconds").value(l.seconds).key("iterations_per_second").value(l.iterationsPerSecond).endObject();
    }
    j.endArray().key("progress").beginArray();
    for (const auto& pnt : r.progress)
        j.beginObject().key("layers_done").value(pnt.layersDone).key("rtn_top1").value(pnt.rtnTop1)
            .key("adaround_top1").value(pnt.adaroundTop1).endObject();
    j.endArray().endObject();
    std::cout << j.str() << std::endl;
}

void printTables(const adaround::RunResult& r)
{
    TextTable layers({"layer", "bits", "rec MSE RTN", "AdaRound soft", "AdaRound hard", "flipped", "settled",
                      "time s", "note"},
                     {false, true, true, true, true, true, true, true, false});
    for (const auto& l : r.layers) {
        if (!l.optimised) {
            layers.addRow({l.name, std::to_string(l.bits), "-", "-", "-", "-", "-", "-", "RTN (by config)"});
            continue;
        }
        layers.addRow({l.name, std::to_string(l.bits), scientific(l.recMseRtn), scientific(l.recMseSoft),
                       scientific(l.recMseHard), fixed(100 * l.flippedShare, 1) + "%",
                       fixed(100 * l.settledShare, 1) + "%", fixed(l.seconds, 1),
                       l.keptRtn ? "kept RTN (hard worse)" : ""});
    }
    layers.print(std::cout);
    if (r.end != adaround::RunEnd::Completed)
        return;
    std::cout << "\n";
    TextTable acc({"", "top-1 %", "top-5 %"}, {false, true, true});
    acc.addRow({"FP32", fixed(r.final.fp32.top1, 2), fixed(r.final.fp32.top5, 2)});
    acc.addRow({"round-to-nearest", fixed(r.final.rtn.top1, 2), fixed(r.final.rtn.top5, 2)});
    acc.addRow({"AdaRound", fixed(r.final.adaround.top1, 2), fixed(r.final.adaround.top5, 2)});
    acc.print(std::cout);
}

} // namespace

int runAdaRound(const std::vector<std::string>& args)
{
    ArgParser p;
    p.flag("json").flag("per-tensor").flag("symmetric").flag("quiet");
    for (const char* o : {"model", "calib", "eval", "bits", "bits-layer", "rtn-layer", "first-last-bits", "preprocess",
                          "iters", "batch", "lr", "lambda", "beta", "warmup", "schedule", "objective", "calib-size",
                          "eval-subset", "seed", "threads", "act-bits", "export", "config", "save-config"})
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

    adaround::RunControl control;
    g_control = &control;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    CliObserver observer(!p.has("quiet"));
    adaround::AdaRoundRun run(config);
    const adaround::RunResult result = run.run(observer, control);
    g_control = nullptr;
    observer.finish();

    if (result.end == adaround::RunEnd::Failed)
        throw adaround::Error(result.error);
    if (!exportDir.empty() && result.end == adaround::RunEnd::Completed) {
        const auto files = adaround::exportRun(run, result, exportDir);
        if (!p.has("quiet"))
            std::cerr << "exported " << files.size() << " files to " << exportDir
                      << " (model.pt, encodings.json, weights/)\n";
    }
    if (p.has("json"))
        printJson(result);
    else
        printTables(result);
    if (result.end == adaround::RunEnd::Cancelled) {
        std::cerr << "adaround-cli: run cancelled after " << result.layers.size() << " layers\n";
        return kCancelled;
    }
    return kOk;
}

} // namespace cli
