#include "adaround/sweep_report.h"

#include "adaround/config_json.h"
#include "adaround/error.h"
#include "adaround/file_io.h"
#include "adaround/knobs.h"
#include "adaround/sweep_slurm.h"

#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

namespace adaround {

namespace fs = std::filesystem;

namespace {

const char* const kFigures[] = {"fp32_top1", "fp32_top5", "rtn_top1", "rtn_top5", "top1", "top5"};
const char* const kAggregated[] = {"top1", "rtn_top1", "fp32_top1", "top5"};

Json settingsJson(const std::vector<std::pair<std::string, std::string>>& settings)
{
    Json j = Json::object();
    for (const auto& [k, v] : settings)
        j[k] = v;
    return j;
}

Json pointRow(const SweepManifest& m, const SweepManifestPoint& p, const SweepPointState& s)
{
    Json row = {{"index", p.index},   {"name", sweepPointName(p.index)}, {"settings", settingsJson(p.settings)},
                {"seed", p.seed},     {"group", p.group},                {"status", s.state},
                {"attempts", s.attempts}, {"log", s.log.empty() ? Json() : Json(s.log)},
                {"error", s.error}};
    try {
        row["config"] = parseJson(readTextFile(sweepPointConfigPath(m.dir, p.index), kMaxConfigBytes, "configuration"));
    } catch (const Error&) {
        row["config"] = nullptr;
    }
    for (const char* f : kFigures)
        row[f] = nullptr;
    row["settled_share"] = row["seconds"] = row["layers_done"] = nullptr;
    if (!s.summary)
        return row;
    const RunLogSummary& sum = *s.summary;
    row["layers_done"] = sum.layersDone;
    if (!sum.layers.empty()) {
        double settled = 0;
        for (const LayerFinished& l : sum.layers)
            settled += l.settledShare;
        row["settled_share"] = settled / double(sum.layers.size());
    }
    if (s.state == "completed" && sum.finished) {
        const RunFinished& f = *sum.finished;
        row["fp32_top1"] = f.fp32.top1;
        row["fp32_top5"] = f.fp32.top5;
        row["rtn_top1"] = f.rtn.top1;
        row["rtn_top5"] = f.rtn.top5;
        row["top1"] = f.adaround.top1;
        row["top5"] = f.adaround.top5;
        row["seconds"] = f.seconds;
    }
    return row;
}

Json meanStd(const std::vector<double>& v)
{
    if (v.empty())
        return nullptr;
    double mean = 0;
    for (double x : v)
        mean += x;
    mean /= double(v.size());
    double ss = 0;
    for (double x : v)
        ss += (x - mean) * (x - mean);
    const double sd = v.size() > 1 ? std::sqrt(ss / double(v.size() - 1)) : 0.0;
    return {{"mean", mean}, {"std", sd}};
}

std::string csvField(const Json& v)
{
    std::string s;
    if (v.is_null())
        return "";
    if (v.is_string())
        s = v.get<std::string>();
    else if (v.is_number_float())
        s = formatKnobValue(KnobValue(v.get<double>()));
    else
        s = v.dump();
    if (s.find_first_of(",\"\n\r") == std::string::npos)
        return s;
    std::string q = "\"";
    for (char c : s)
        q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

} // namespace

namespace {

void markQueued(const SweepManifest& manifest, std::vector<SweepPointState>& states)
{
    const std::set<int> inFlight = slurmPointsInFlight(manifest.dir);
    for (SweepPointState& s : states)
        if (inFlight.count(s.index) && s.state != "running")
            s.state = "queued"; // submitted, not started (or its log not yet written)
}

SweepPointState cachedPointState(const std::string& dir, int index, SweepStateCache& cache)
{
    int attempts = 0;
    while (fs::exists(sweepPointLogPath(dir, index, attempts + 1)))
        ++attempts;
    if (attempts == 0) {
        cache.points.erase(index);
        SweepPointState pending;
        pending.index = index;
        return pending;
    }
    const std::string log = sweepPointLogPath(dir, index, attempts);
    std::error_code ec1, ec2;
    const uintmax_t size = fs::file_size(log, ec1);
    const auto modified = fs::last_write_time(log, ec2).time_since_epoch().count();
    const auto it = cache.points.find(index);
    if (!ec1 && !ec2 && it != cache.points.end() && it->second.log == log && it->second.size == size &&
        it->second.modified == int64_t(modified) && it->second.state.state != "running" &&
        it->second.state.state != "unreadable")
        return it->second.state;
    SweepPointState s = readSweepPointState(dir, index);
    ++cache.reads;
    if (!ec1 && !ec2)
        cache.points[index] = {log, size, int64_t(modified), s};
    return s;
}

} // namespace

std::vector<SweepPointState> readSweepStates(const SweepManifest& manifest)
{
    std::vector<SweepPointState> states;
    for (const SweepManifestPoint& p : manifest.points)
        states.push_back(readSweepPointState(manifest.dir, p.index));
    markQueued(manifest, states);
    return states;
}

std::vector<SweepPointState> readSweepStates(const SweepManifest& manifest, SweepStateCache& cache)
{
    std::vector<SweepPointState> states;
    for (const SweepManifestPoint& p : manifest.points)
        states.push_back(cachedPointState(manifest.dir, p.index, cache));
    markQueued(manifest, states);
    return states;
}

Json sweepReport(const SweepManifest& m, const std::vector<SweepPointState>& states)
{
    if (states.size() != m.points.size())
        throw Error("sweep report: one state per point is needed");
    Json points = Json::array();
    std::map<std::string, int> counts;
    std::map<int, std::vector<size_t>> groups;
    for (size_t i = 0; i < m.points.size(); ++i) {
        points.push_back(pointRow(m, m.points[i], states[i]));
        ++counts[states[i].state];
        groups[m.points[i].group].push_back(i);
    }
    Json groupRows = Json::array(), best = nullptr;
    double bestTop1 = -1;
    for (const auto& [g, members] : groups) {
        Json row = {{"group", g}, {"settings", points[members.front()]["settings"]}, {"points", Json::array()}};
        std::map<std::string, std::vector<double>> values;
        int completed = 0;
        for (size_t i : members) {
            row["points"].push_back(int(i));
            if (points[i]["status"] != "completed")
                continue;
            ++completed;
            for (const char* f : kAggregated)
                values[f].push_back(points[i][f].get<double>());
        }
        row["completed"] = completed;
        for (const char* f : kAggregated)
            row[f] = meanStd(values[f]);
        if (completed > 0 && row["top1"]["mean"].get<double>() > bestTop1) {
            bestTop1 = row["top1"]["mean"].get<double>();
            int first = -1;
            for (size_t i : members)
                if (points[i]["status"] == "completed" && first < 0)
                    first = int(i);
            best = {{"group", g}, {"point", first}};
        }
        groupRows.push_back(std::move(row));
    }
    Json countJson = Json::object();
    for (const auto& [state, n] : counts)
        countJson[state] = n;
    return {{"dir", m.dir}, {"counts", countJson}, {"points", points}, {"groups", groupRows}, {"best", best}};
}

std::string sweepReportCsv(const Json& report)
{
    std::vector<std::string> keys;
    if (!report["points"].empty())
        for (const auto& [k, v] : report["points"][0]["settings"].items())
            keys.push_back(k);
    std::ostringstream out;
    out << "index";
    for (const std::string& k : keys)
        out << "," << csvField(k);
    out << ",seed,status,attempts";
    for (const char* f : kFigures)
        out << "," << f;
    out << ",settled_share,seconds,log\r\n";
    for (const Json& p : report["points"]) {
        out << p["index"].get<int>();
        for (const std::string& k : keys)
            out << "," << csvField(p["settings"].value(k, Json()));
        out << "," << p["seed"].get<uint64_t>() << "," << csvField(p["status"]) << "," << p["attempts"].get<int>();
        for (const char* f : kFigures)
            out << "," << csvField(p[f]);
        out << "," << csvField(p["settled_share"]) << "," << csvField(p["seconds"]) << "," << csvField(p["log"]) << "\r\n";
    }
    return out.str();
}

} // namespace adaround
