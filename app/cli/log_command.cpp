// adaround-cli log info FILE [--json] [--open-damaged] | log export-csv FILE DIR [--open-damaged]
// | log flips FILE [--layer NAME] [--json] [--open-damaged]
#include "adaround/config_json.h"
#include "adaround/json.h"
#include "adaround/run_log.h"
#include "adaround/run_log_liveness.h"
#include "adaround/run_log_csv.h"
#include "commands.h"
#include "log_flips.h"
#include "option_helpers.h"
#include "run_report.h"
#include "text_table.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

namespace cli {
namespace {

const adaround::LayerFinished* finishedLayer(const adaround::RunRecord& r, int layer)
{
    for (const auto& l : r.layers)
        if (l.layer == layer)
            return &l;
    return nullptr;
}

// RunLogInfo::integrity for people: why this log was parsed in the sandbox.
std::string integrityText(const std::string& integrity)
{
    if (integrity == "unsealed")
        return "no integrity header (written before logs carried one); read in the sandbox";
    return "FAILED: " + integrity + "; opened anyway (--open-damaged), read in the sandbox";
}

void printInfoJson(const adaround::RunLog& log)
{
    const adaround::RunLogInfo& i = log.info;
    const adaround::RunRecord& r = log.record;
    adaround::Json doc = {{"path", i.path},
                          {"schema", i.schema},
                          {"schema_version", i.schemaVersion},
                          {"status", i.status},
                          {"alive", i.status == "running" && adaround::runLooksAlive(i.path)},
                          {"error", i.error},
                          {"start_time", i.startTime},
                          {"end_time", i.endTime},
                          {"application", i.application},
                          {"app_version", i.appVersion},
                          {"torch_version", i.torchVersion},
                          {"qt_version", i.qtVersion},
                          {"hdf5_version", i.hdf5Version},
                          {"opencv_version", i.opencvVersion},
                          {"host_threads", i.threads},
                          {"seed", i.seed},
                          {"integrity", i.integrity}};
    doc["config"] = r.hasStarted ? adaround::parseJson(i.configJson) : adaround::Json();
    doc["model"] = {{"path", i.modelPath}, {"bytes", i.modelBytes}, {"sha256", i.modelSha256}};
    doc["data"] = {{"calib_images", r.started.calibImages},
                   {"eval_images", r.started.evalImages},
                   {"preprocess", r.started.preprocess},
                   {"calib_files", r.started.calibFiles.size()},
                   {"skipped_images", r.started.skippedCalib.size() + r.started.skippedEval.size()},
                   {"skipped_files", {{"calib", skippedJson(r.started.skippedCalib)},
                                      {"eval", skippedJson(r.started.skippedEval)}}}};
    // null in logs written before the mapping was recorded
    doc["data"]["classes"] = r.started.classes.empty() ? adaround::Json() : classesJson(r.started.classes, true);
    const adaround::MemoryPlan& m = r.started.memory; // null in logs written before plans
    doc["data"]["memory_plan"] = m.budget <= 0 ? adaround::Json()
                                               : adaround::Json{{"widest_layer", m.widestLayer},
                                                                {"cached_bytes", m.cachedBytes()},
                                                                {"cut_bytes", m.cutBytes},
                                                                {"curve_bytes", m.curveBytes},
                                                                {"eval_bytes", m.evalBytes},
                                                                {"model_bytes", m.modelBytes},
                                                                {"budget_bytes", m.budget}};
    doc["layers_done"] = r.layersDone;
    adaround::Json layers = adaround::Json::array();
    for (const auto& s : r.layerStarts) {
        if (const auto* f = finishedLayer(r, s.layer))
            layers.push_back(layerJson(*f));
        else
            layers.push_back({{"name", s.name}, {"bits", s.bits}, {"unfinished", true}});
    }
    doc["layers"] = std::move(layers);
    doc["left_in_float"] = floatLayersJson(r.started.floatLayers);
    doc["subset_baseline"] = baselineJson(r.baseline);
    doc["progress"] = progressJson(r.progress);
    if (r.finished) {
        addAccuracyJson(doc, *r.finished);
        doc["seconds"] = r.finished->seconds;
    }
    std::cout << adaround::dumpJson(doc) << std::endl;
}

void printInfoText(const adaround::RunLog& log)
{
    const adaround::RunLogInfo& i = log.info;
    const adaround::RunRecord& r = log.record;
    std::cout << "run log   " << i.path << " (" << i.schema << " v" << i.schemaVersion << ")\n";
    const bool dead = adaround::liveRunStatus(i.path, i.status) == "killed";
    std::cout << "status    " << i.status << (dead ? " (its process is gone: killed)" : "")
              << (i.error.empty() ? "" : ": " + i.error) << "\n";
    if (i.integrity != "verified")
        std::cout << "integrity " << integrityText(i.integrity) << "\n";
    std::cout << "time      " << i.startTime << " to " << (i.endTime.empty() ? "(not ended)" : i.endTime) << "\n";
    std::cout << "written   " << i.application << " " << i.appVersion << " (LibTorch " << i.torchVersion << ", OpenCV "
              << i.opencvVersion << ", HDF5 " << i.hdf5Version << (i.qtVersion.empty() ? "" : ", Qt " + i.qtVersion)
              << "), " << i.threads << " hardware threads\n";
    if (!r.hasStarted)
        return;
    const adaround::AdaRoundConfig& c = r.started.config;
    std::cout << "model     " << i.modelPath << " (" << i.modelBytes << " bytes, sha256 " << i.modelSha256 << ")\n";
    std::cout << "data      calib " << c.calibDir << " (" << r.started.calibImages << " images), eval " << c.evalDir
              << " (" << r.started.evalImages << " images), " << r.started.preprocess << "\n";
    std::cout << "classes   " << adaround::describeClassMapping(r.started.classes) << "\n";
    if (const adaround::MemoryPlan& m = r.started.memory; m.budget > 0)
        std::cout << "memory    " << adaround::mebibytes(m.cachedBytes()) << " cached at most (widest cut before "
                  << m.widestLayer << "), budget " << adaround::mebibytes(m.budget) << "\n";
    const size_t skipped = r.started.skippedCalib.size() + r.started.skippedEval.size();
    if (skipped) {
        std::cout << "skipped   " << skipped << " unreadable images\n";
        printSkipped(r.started.skippedCalib, std::cout);
        printSkipped(r.started.skippedEval, std::cout);
    }
    std::cout << "config    " << c.bits.defaultBits << "-bit (first/last " << c.bits.firstLastBits << "), "
              << c.iterations << " iterations, batch " << c.batchSize << ", lr " << c.learningRate << ", lambda "
              << c.lambda << ", beta " << c.betaStart << "->" << c.betaEnd << " " << toString(c.schedule)
              << ", warm-up " << c.warmup << ", objective " << toString(c.objective) << ", seed " << c.seed << "\n\n";
    printLayerTable(r.layers, std::cout);
    printFloatLayers(r.started.floatLayers, std::cout);
    for (const auto& s : r.layerStarts)
        if (!finishedLayer(r, s.layer))
            std::cout << s.name << ": not finished ("
                      << (i.status != "running" ? "the run stopped inside it"
                          : dead                    ? "the process died"
                                                    : "still running")
                      << ")\n";
    if (r.baseline)
        std::cout << "\n" << describeBaseline(*r.baseline) << "\n";
    else if (!r.progress.empty())
        std::cout << "\nno subset baseline: the log was written before FP32 and RTN were measured on the eval subset\n";
    if (!r.progress.empty()) {
        std::cout << "\n";
        TextTable progress({"layers done", "RTN top-1 %", "AdaRound top-1 %"}, {true, true, true});
        for (const auto& p : r.progress)
            progress.addRow({std::to_string(p.layersDone), fixed(p.rtnTop1, 2), fixed(p.adaroundTop1, 2)});
        progress.print(std::cout);
    }
    if (r.finished) {
        std::cout << "\n";
        printAccuracyTable(*r.finished, std::cout);
    }
}

struct LogOptions {
    std::string file;
    std::string dir;
    CLI::Option* json = nullptr;
    CLI::Option* quiet = nullptr;
    CLI::Option* openDamagedInfo = nullptr;
    CLI::Option* openDamagedCsv = nullptr;
    std::string layer;
    CLI::Option* flipsJson = nullptr;
    CLI::Option* openDamagedFlips = nullptr;
};

const char* const kOpenDamagedHelp =
    "also open a log whose integrity check failed (damaged or changed): it is parsed in a sandboxed "
    "child process, and its figures may be wrong";

adaround::RunLog readLog(const std::string& file, const CLI::Option* openDamaged)
{
    try {
        return adaround::readRunLog(file, {flagIsSet(openDamaged)});
    } catch (const adaround::RunLogDamaged& e) {
        throw adaround::Error(std::string(e.what()) + " (--open-damaged opens it anyway)");
    }
}

int logInfo(const LogOptions& o)
{
    const bool json = flagIsSet(o.json);
    const adaround::RunLog log = readLog(o.file, o.openDamagedInfo);
    if (json)
        printInfoJson(log);
    else
        printInfoText(log);
    return kOk;
}

int logExportCsv(const LogOptions& o)
{
    const bool quiet = flagIsSet(o.quiet);
    const adaround::RunLog log = readLog(o.file, o.openDamagedCsv);
    const auto files = adaround::exportRunLogCsv(log, o.dir);
    if (!quiet)
        for (const auto& f : files)
            std::cout << f << "\n";
    return kOk;
}

int logFlips(const LogOptions& o)
{
    const adaround::RunLog log = readLog(o.file, o.openDamagedFlips);
    printFlips(log, o.layer, flagIsSet(o.flipsJson), std::cout);
    return kOk;
}

} // namespace

CommandRunner addLogCommand(CLI::App& app)
{
    auto o = std::make_shared<LogOptions>();
    CLI::App* log =
        app.add_subcommand("log", "Read a run log: log info FILE, log export-csv FILE DIR, log flips FILE.");
    log->require_subcommand(0, 1);
    CLI::App* info = log->add_subcommand(
        "info", "Status, configuration, per-layer figures and accuracies of a run log.");
    info->add_option("FILE", o->file, "the HDF5 run log")->required()->type_name("");
    o->json = addPlainFlag(*info, "--json", "print it as one JSON object on stdout");
    o->openDamagedInfo = addPlainFlag(*info, "--open-damaged", kOpenDamagedHelp);
    CLI::App* csv = log->add_subcommand(
        "export-csv", "One CSV per series (iterations, histograms, progress, layers, accuracy) in DIR.");
    csv->add_option("FILE", o->file, "the HDF5 run log")->required()->type_name("");
    csv->add_option("DIR", o->dir, "the folder for the CSV files (created if missing)")->required()->type_name("");
    o->quiet = addPlainFlag(*csv, "--quiet", "do not list the files written");
    o->openDamagedCsv = addPlainFlag(*csv, "--open-damaged", kOpenDamagedHelp);
    CLI::App* flips = log->add_subcommand(
        "flips", "Per layer: weights AdaRound rounded the other way from nearest, and the share flipped by the "
                 "distance of their fractional position from 0.5.");
    flips->add_option("FILE", o->file, "the HDF5 run log")->required()->type_name("");
    flips->add_option("--layer", o->layer, "only this layer (its module path, e.g. conv2)")->type_name("NAME");
    o->flipsJson = addPlainFlag(*flips, "--json", "print it as one JSON object on stdout");
    o->openDamagedFlips = addPlainFlag(*flips, "--open-damaged", kOpenDamagedHelp);
    return [o, log, info, csv, flips] {
        const std::vector<std::string> left = log->remaining();
        if (!info->parsed() && !csv->parsed() && !flips->parsed()) {
            if (!left.empty() && left.front().rfind('-', 0) != 0)
                throw UsageError("unknown log subcommand '" + left.front() + "' (info, export-csv, flips)");
            rejectLeftovers(*log);
            throw UsageError("log needs a subcommand: info, export-csv or flips");
        }
        rejectLeftovers(*log);
        if (flips->parsed()) {
            rejectLeftovers(*flips);
            return logFlips(*o);
        }
        rejectLeftovers(info->parsed() ? *info : *csv);
        return info->parsed() ? logInfo(*o) : logExportCsv(*o);
    };
}

} // namespace cli
