// readRunLogSummary: the parts of a log a run list shows, parsed from
// attributes and the small layer table only; the series stay unread.
#include "adaround/run_log_summary.h"

#include "adaround/config_json.h"
#include "adaround/error.h"
#include "adaround/file_io.h"
#include "h5_p.h"
#include "run_log_layout_p.h"
#include "run_log_parse_p.h"
#include "run_log_seal_p.h"
#include "sha256_p.h"

#include <algorithm>
#include <filesystem>

namespace adaround {
namespace {

herr_t collect(hid_t, const char* name, const H5L_info_t*, void* out)
{
    static_cast<std::vector<std::string>*>(out)->push_back(name);
    return 0;
}

void readRoot(hid_t root, RunLogSummary& s)
{
    if (!h5::hasAttr(root, "schema") || h5::getString(root, "schema") != kRunLogSchema)
        throw Error("an HDF5 file, but not an AdaRound run log");
    s.info.schema = kRunLogSchema;
    s.info.schemaVersion = int(h5::getInt(root, "schema_version"));
    if (s.info.schemaVersion > kRunLogSchemaVersion || s.info.schemaVersion < 1)
        throw Error("run-log schema version " + std::to_string(s.info.schemaVersion) + " is not readable here");
    for (const RootTextFact& fact : kRootTextFacts)
        s.info.*fact.member = h5::getString(root, fact.name);
    s.info.threads = int(h5::getInt(root, "host_threads"));
    s.info.seed = h5::getUInt64(root, "seed");
    s.layersDone = int(h5::getInt(root, "layers_done"));
}

void readStart(hid_t root, RunLogSummary& s)
{
    const h5::Handle config = h5::openGroup(root, "config");
    if (!h5::hasAttr(config.id(), "json"))
        return; // stopped before it started
    s.info.configJson = h5::getString(config.id(), "json");
    s.config = configFromJson(s.info.configJson);
    const h5::Handle model = h5::openGroup(root, "model");
    s.info.modelPath = h5::getString(model.id(), "path");
    s.info.modelBytes = h5::getInt(model.id(), "bytes");
    s.info.modelSha256 = h5::getString(model.id(), "sha256");
    const h5::Handle table = h5::openGroup(model.id(), "layer_table");
    const auto bits = h5::read<int32_t>(table.id(), "bits");
    s.plannedLayers = int(std::count_if(bits.begin(), bits.end(), [](int b) { return b > 0; }));
    s.hasStarted = true;
}

void readLayerFinals(hid_t root, RunLogSummary& s)
{
    const h5::Handle layers = h5::openGroup(root, "layers");
    std::vector<std::string> names;
    hsize_t at = 0;
    h5::check(H5Literate(layers.id(), H5_INDEX_NAME, H5_ITER_INC, &at, collect, &names), "listing /layers");
    for (const std::string& name : names) {
        const h5::Handle group = h5::openGroup(layers.id(), name);
        const hid_t g = group.id();
        if (!h5::getFlag(g, "completed"))
            continue;
        LayerFinished f;
        f.layer = int(h5::getInt(g, "index"));
        f.name = h5::getString(g, "name");
        f.bits = int(h5::getInt(g, "bits"));
        for (const LayerMetric& metric : kLayerMetrics)
            f.*metric.member = h5::getDouble(g, metric.name);
        f.keptRtn = h5::getFlag(g, "kept_rtn");
        f.optimised = h5::getFlag(g, "optimised");
        f.objective = parseObjective(h5::getString(g, "objective"));
        s.layers.push_back(std::move(f));
    }
    std::sort(s.layers.begin(), s.layers.end(), [](const auto& a, const auto& b) { return a.layer < b.layer; });
}

} // namespace

RunLogSummary summarize(const RunLog& log)
{
    RunLogSummary s;
    s.info = log.info;
    s.hasStarted = log.record.hasStarted;
    s.config = log.record.started.config;
    s.plannedLayers = int(std::count_if(log.record.started.bits.begin(), log.record.started.bits.end(),
                                        [](int b) { return b > 0; }));
    s.layersDone = log.record.layersDone;
    s.layers = log.record.layers;
    s.finished = log.record.finished;
    return s;
}

RunLogSummary readRunLogSummary(const std::string& path)
{
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec); // stat() only: never opens a FIFO
    if (!std::filesystem::is_regular_file(status))
        throw Error(path + ": no such file, or not a regular file");
    const std::string bytes = readTextFile(path, kMaxRunLogBytes, "run log");
    if (checkRunLogSeal(bytes).state != SealState::Verified)
        return summarize(readRunLog(path)); // unsealed: the sandbox; damaged: RunLogDamaged
    h5::Quiet quiet;
    const h5::Handle file = openRunLogImage(bytes, path, false);
    RunLogSummary s;
    try {
        readRoot(file.id(), s);
        readStart(file.id(), s);
        readLayerFinals(file.id(), s);
        if (s.info.status == "completed")
            s.finished = readFinalAccuracy(file.id());
    } catch (const Error& e) {
        throw Error(path + ": damaged run log: " + e.what());
    }
    s.info.path = path;
    s.info.integrity = "verified";
    return s;
}

std::string fileSha256(const std::string& path)
{
    return sha256File(path);
}

} // namespace adaround
