// readStudyLog: the bytes are read once and parsed in-process only when their
// integrity header verifies (study logs were sealed from their first version).
#include "adaround/study_log.h"

#include "adaround/config_json.h"
#include "adaround/file_io.h"
#include "run_log_layout_p.h"
#include "run_log_parse_p.h"
#include "run_log_seal_p.h"
#include "study_log_layout_p.h"

#include <filesystem>

namespace adaround {
namespace {

void checkStudySchema(hid_t root)
{
    const std::string schema = h5::hasAttr(root, "schema") ? h5::getString(root, "schema") : "";
    if (schema == kRunLogSchema)
        throw Error("an AdaRound run log, not a study log (open it with adaround-cli log info or the workbench)");
    if (schema != kStudyLogSchema)
        throw Error(std::string("an HDF5 file, but not a study log (no root attribute schema = '") + kStudyLogSchema +
                    "')");
    const int64_t version = h5::getInt(root, "schema_version");
    if (version > kStudyLogSchemaVersion)
        throw Error("written with study-log schema version " + std::to_string(version) +
                    "; this build reads up to version " + std::to_string(kStudyLogSchemaVersion) +
                    " (update AdaRound Workbench)");
}

StudyLog parse(hid_t root, const std::string& path)
{
    StudyLog log;
    RunLogInfo& i = log.info;
    i.path = path;
    i.schema = kStudyLogSchema;
    i.schemaVersion = int(h5::getInt(root, "schema_version"));
    for (const RootTextFact& fact : kRootTextFacts)
        i.*fact.member = h5::getString(root, fact.name);
    i.threads = int(h5::getInt(root, "host_threads"));
    i.seed = h5::getUInt64(root, "seed");
    i.integrity = "verified";

    StudyRecord& r = log.record;
    const h5::Handle study = h5::openGroup(root, "study");
    const hid_t s = study.id();
    r.hasStarted = h5::hasAttr(s, "layer");
    if (r.hasStarted) {
        const h5::Handle config = h5::openGroup(root, "config");
        i.configJson = h5::getString(config.id(), "json");
        r.started.config = configFromJson(i.configJson);
        const h5::Handle model = h5::openGroup(root, "model");
        i.modelPath = h5::getString(model.id(), "path");
        i.modelBytes = h5::getInt(model.id(), "bytes");
        i.modelSha256 = h5::getString(model.id(), "sha256");
        const h5::Handle data = h5::openGroup(root, "data");
        r.started.calibImages = h5::getInt(data.id(), "calib_images");
        r.started.evalImages = h5::getInt(data.id(), "eval_images");
        r.started.preprocess = h5::getString(data.id(), "preprocess");
        readStudyStart(s, r.started);
    }
    if (hasStudyPoint(s, "rtn"))
        r.baseline = StudyBaseline{h5::getDouble(s, "fp32_top1"), readStudyPoint(s, "rtn")};

    const h5::Handle samples = h5::openGroup(s, "samples");
    const std::vector<int32_t> index = h5::read<int32_t>(samples.id(), "index");
    r.samples.resize(index.size());
    for (size_t k = 0; k < index.size(); ++k) {
        r.samples[k].index = index[k];
        r.samples[k].seed = r.started.settings.seed + uint64_t(index[k]);
    }
    for (const StudySampleColumn& c : kStudySampleColumns) {
        if (c.isIndex)
            continue;
        const std::vector<double> values = h5::read<double>(samples.id(), c.name);
        if (values.size() != index.size())
            throw Error(std::string("/study/samples/") + c.name + " has " + std::to_string(values.size()) +
                        " rows, /study/samples/index " + std::to_string(index.size()));
        for (size_t k = 0; k < values.size(); ++k)
            r.samples[k].point.*c.member = values[k];
    }
    if (hasStudyPoint(s, "adaround"))
        r.adaround = StudyAdaRound{readStudyPoint(s, "adaround"), h5::getFlag(s, "adaround_kept_rtn"),
                                   h5::getDouble(s, "adaround_seconds")};

    const std::string& status = i.status;
    if (status == "completed") {
        if (!r.baseline)
            throw Error("completed without the round-to-nearest reference");
        r.end = RunEnd::Completed;
        r.finished = StudyFinished{studyStatistics(r.baseline->rtn, r.samples), h5::getDouble(root, "seconds")};
    } else if (status == "cancelled") {
        r.end = RunEnd::Cancelled;
    } else if (status == "failed") {
        r.end = RunEnd::Failed;
    } else if (status != "running") {
        throw Error("unknown status '" + status + "'");
    }
    r.error = i.error;
    return log;
}

} // namespace

StudyLog readStudyLog(const std::string& path)
{
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec); // stat() only: never opens a FIFO
    if (!std::filesystem::exists(status))
        throw Error(path + ": no such file");
    if (!std::filesystem::is_regular_file(status))
        throw Error(path + ": not a regular file, not a study log");
    const std::string bytes = readTextFile(path, kMaxRunLogBytes, "study log");
    const SealCheck seal = checkRunLogSeal(bytes);
    if (seal.state == SealState::Unsealed)
        throw Error(path + (hasHdf5Signature(bytes) ? ": an HDF5 file without an integrity header, not a study log"
                                                    : ": not an HDF5 file; not a study log"));
    if (seal.state != SealState::Verified)
        throw Error(path + ": damaged study log: " + seal.problem);
    h5::Quiet quiet;
    const h5::Handle file = openRunLogImage(bytes, path, false);
    try {
        checkStudySchema(file.id());
    } catch (const Error& e) {
        throw Error(path + ": " + e.what());
    }
    try {
        return parse(file.id(), path);
    } catch (const Error& e) {
        throw Error(path + ": damaged study log: " + e.what());
    }
}

} // namespace adaround
