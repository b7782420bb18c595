#include "adaround/sweep_folder.h"

#include "adaround/config_json.h"
#include "adaround/error.h"
#include "adaround/file_io.h"
#include "adaround/run_log_liveness.h"

#include <cstdio>
#include <filesystem>

namespace fs = std::filesystem;

namespace adaround {
namespace {

constexpr size_t kMaxManifestBytes = size_t(64) << 20;

Json pointJson(const SweepPoint& p)
{
    Json settings = Json::object();
    for (const auto& [k, v] : p.settings)
        settings[k] = v;
    return {{"index", p.index},
            {"name", sweepPointName(p.index)},
            {"settings", settings},
            {"seed_index", p.seedIndex},
            {"seed", p.config.seed},
            {"group", p.group},
            {"config", "points/" + sweepPointName(p.index) + ".json"}};
}

SweepManifestPoint pointFromJson(const Json& j)
{
    SweepManifestPoint p;
    p.index = j.at("index").get<int>();
    for (const auto& [k, v] : j.at("settings").items())
        p.settings.emplace_back(k, v.get<std::string>());
    p.seedIndex = j.at("seed_index").get<int>();
    p.group = j.at("group").get<int>();
    p.seed = j.at("seed").get<uint64_t>();
    return p;
}

} // namespace

std::string sweepPointName(int index)
{
    char name[16];
    std::snprintf(name, sizeof name, "%03d", index);
    return name;
}

std::string sweepPointConfigPath(const std::string& dir, int index)
{
    return (fs::path(dir) / "points" / (sweepPointName(index) + ".json")).string();
}

std::string sweepPointLogPath(const std::string& dir, int index, int attempt)
{
    const std::string suffix = attempt <= 1 ? ".h5" : ".attempt" + std::to_string(attempt) + ".h5";
    return (fs::path(dir) / "logs" / (sweepPointName(index) + suffix)).string();
}

SweepManifest prepareSweepFolder(const std::string& dirIn, const SweepSpec& spec, const std::vector<SweepPoint>& points)
{
    const std::string dir = fs::absolute(dirIn).lexically_normal().string();
    Json doc = {{"schema", kSweepSchema}, {"schema_version", 1}, {"spec", sweepSpecToJson(spec)}};
    Json list = Json::array();
    for (const SweepPoint& p : points)
        list.push_back(pointJson(p));
    doc["points"] = list;
    const std::string manifestPath = (fs::path(dir) / "manifest.json").string();
    std::error_code ec;
    if (fs::exists(manifestPath, ec)) {
        const Json old = parseJson(readTextFile(manifestPath, kMaxManifestBytes, "sweep manifest"));
        // Through text and back: numbers compare as they are stored.
        const Json fresh = parseJson(dumpJson(doc));
        if (old.value("spec", Json()) != fresh["spec"] || old.value("points", Json()) != fresh["points"])
            throw Error(dir + " holds another sweep (its manifest.json differs from this command's); "
                              "give another --out, or repeat that sweep's own command to resume it");
    } else {
        for (const char* sub : {"points", "logs"}) {
            fs::create_directories(fs::path(dir) / sub, ec);
            if (ec)
                throw Error((fs::path(dir) / sub).string() + ": cannot create the folder: " + ec.message());
        }
        for (const SweepPoint& p : points)
            saveConfigFile(p.config, sweepPointConfigPath(dir, p.index));
        writeFileAtomically(manifestPath, dumpJson(doc) + "\n", "sweep manifest"); // last: its presence means complete
    }
    return readSweepManifest(dir);
}

SweepManifest readSweepManifest(const std::string& dirIn)
{
    SweepManifest m;
    m.dir = fs::absolute(dirIn).lexically_normal().string();
    const std::string path = (fs::path(m.dir) / "manifest.json").string();
    if (!fs::exists(path))
        throw Error(m.dir + ": not a sweep folder (no manifest.json)");
    const Json doc = parseJson(readTextFile(path, kMaxManifestBytes, "sweep manifest"));
    try {
        if (doc.at("schema").get<std::string>() != kSweepSchema)
            throw Error("not an adaround sweep manifest");
        m.spec = doc.at("spec");
        for (const Json& p : doc.at("points"))
            m.points.push_back(pointFromJson(p));
    } catch (const Json::exception& e) {
        throw Error(path + ": malformed sweep manifest: " + e.what());
    }
    return m;
}

SweepPointState readSweepPointState(const std::string& dir, int index)
{
    SweepPointState s;
    s.index = index;
    while (fs::exists(sweepPointLogPath(dir, index, s.attempts + 1)))
        ++s.attempts;
    if (s.attempts == 0)
        return s;
    s.log = sweepPointLogPath(dir, index, s.attempts);
    try {
        s.summary = readRunLogSummary(s.log);
        s.state = liveRunStatus(s.log, s.summary->info.status);
        s.error = s.summary->info.error;
    } catch (const Error& e) {
        s.state = "unreadable";
        s.error = e.what();
    }
    return s;
}

bool sweepPointNeedsRun(const std::string& state)
{
    return state != "completed" && state != "running" && state != "queued";
}

} // namespace adaround
