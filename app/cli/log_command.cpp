// adaround-cli log info FILE [--json] | log export-csv FILE DIR
#include "adaround/config_json.h"
#include "adaround/json_writer.h"
#include "adaround/run_log.h"
#include "adaround/run_log_csv.h"
#include "arg_parser.h"
#include "commands.h"
#include "run_report.h"
#include "text_table.h"

#include <iostream>

namespace cli {
namespace {

const adaround::LayerFinished* finishedLayer(const adaround::RunRecord& r, int layer)
{
    for (const auto& l : r.layers)
        if (l.layer == layer)
            return &l;
    return nullptr;
}

void printInfoJson(const adaround::RunLog& log)
{
    const adaround::RunLogInfo& i = log.info;
    const adaround::RunRecord& r = log.record;
    adaround::JsonWriter j;
    j.beginObject().key("path").value(i.path).key("schema").value(i.schema).key("schema_version").value(i.schemaVersion);
    j.key("status").value(i.status).key("error").value(i.error);
    j.key("start_time").value(i.startTime).key("end_time").value(i.endTime);
    j.key("application").value(i.application).key("app_version").value(i.appVersion);
    j.key("torch_version").value(i.torchVersion).key("qt_version").value(i.qtVersion);
    j.key("hdf5_version").value(i.hdf5Version).key("opencv_version").value(i.opencvVersion);
    j.key("host_threads").value(i.threads).key("seed").value(int64_t(i.seed));
    j.key("config");
    if (r.hasStarted)
        j.raw(i.configJson);
    else
        j.null();
    j.key("model").beginObject().key("path").value(i.modelPath).key("bytes").value(i.modelBytes);
    j.key("sha256").value(i.modelSha256).endObject();
    j.key("data").beginObject().key("calib_images").value(r.started.calibImages);
    j.key("eval_images").value(r.started.evalImages).key("preprocess").value(r.started.preprocess);
    j.key("calib_files").value(int64_t(r.started.calibFiles.size())).endObject();
    j.key("layers_done").value(r.layersDone);
    j.key("layers").beginArray();
    for (const auto& s : r.layerStarts) {
        if (const auto* f = finishedLayer(r, s.layer)) {
            writeLayerJson(j, *f);
            continue;
        }
        j.beginObject().key("name").value(s.name).key("bits").value(s.bits).key("unfinished").value(true).endObject();
    }
    j.endArray().key("progress");
    writeProgressJson(j, r.progress);
    if (r.finished) {
        writeAccuracyJson(j, *r.finished);
        j.key("seconds").value(r.finished->seconds);
    }
    j.endObject();
    std::cout << j.str() << std::endl;
}

void printInfoText(const adaround::RunLog& log)
{
    const adaround::RunLogInfo& i = log.info;
    const adaround::RunRecord& r = log.record;
    std::cout << "run log   " << i.path << " (" << i.schema << " v" << i.schemaVersion << ")\n";
    std::cout << "status    " << i.status << (i.error.empty() ? "" : ": " + i.error) << "\n";
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
    std::cout << "config    " << c.bits.defaultBits << "-bit (first/last " << c.bits.firstLastBits << "), "
              << c.iterations << " iterations, batch " << c.batchSize << ", lr " << c.learningRate << ", lambda "
              << c.lambda << ", beta " << c.betaStart << "->" << c.betaEnd << " " << toString(c.schedule)
              << ", warm-up " << c.warmup << ", objective " << toString(c.objective) << ", seed " << c.seed << "\n\n";
    printLayerTable(r.layers, std::cout);
    for (const auto& s : r.layerStarts)
        if (!finishedLayer(r, s.layer))
            std::cout << s.name << ": not finished ("
                      << (i.status == "running" ? "still running, or the process died" : "the run stopped inside it")
                      << ")\n";
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

int logInfo(const std::vector<std::string>& args)
{
    ArgParser p;
    p.flag("json");
    p.parse(args);
    if (p.positionals().size() != 1)
        throw UsageError("log info needs exactly one FILE argument");
    const adaround::RunLog log = adaround::readRunLog(p.positionals()[0]);
    if (p.has("json"))
        printInfoJson(log);
    else
        printInfoText(log);
    return kOk;
}

int logExportCsv(const std::vector<std::string>& args)
{
    ArgParser p;
    p.flag("quiet");
    p.parse(args);
    if (p.positionals().size() != 2)
        throw UsageError("log export-csv needs FILE and DIR");
    const adaround::RunLog log = adaround::readRunLog(p.positionals()[0]);
    const auto files = adaround::exportRunLogCsv(log, p.positionals()[1]);
    if (!p.has("quiet"))
        for (const auto& f : files)
            std::cout << f << "\n";
    return kOk;
}

} // namespace

int runLog(const std::vector<std::string>& args)
{
    if (args.empty())
        throw UsageError("log needs a subcommand: info or export-csv");
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (args[0] == "info")
        return logInfo(rest);
    if (args[0] == "export-csv")
        return logExportCsv(rest);
    throw UsageError("unknown log subcommand '" + args[0] + "' (info, export-csv)");
}

} // namespace cli
