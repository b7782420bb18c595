#include "adaround/sweep_slurm.h"

#include "adaround/error.h"
#include "adaround/file_io.h"
#include "adaround/json.h"
#include "adaround/sweep_folder.h"
#include "adaround/sweep_process.h"

#include <filesystem>
#include <sstream>

namespace fs = std::filesystem;

namespace adaround {
namespace {

constexpr size_t kMaxJobsBytes = size_t(16) << 20;

std::string shellQuote(const std::string& s)
{
    std::string q = "'";
    for (char c : s)
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

std::string slurmDir(const std::string& dir) { return (fs::path(dir) / "slurm").string(); }
std::string jobsPath(const std::string& dir) { return (fs::path(dir) / "slurm" / "jobs.json").string(); }

Json readJobs(const std::string& dir)
{
    if (!fs::exists(jobsPath(dir)))
        return Json::array();
    return parseJson(readTextFile(jobsPath(dir), kMaxJobsBytes, "Slurm job list"));
}

} // namespace

std::string sbatchScript(const std::string& dir, const SlurmOptions& o, const std::vector<SlurmTask>& tasks)
{
    std::ostringstream s;
    s << "#!/bin/sh\n"
      << "# adaround-cli sweep: " << tasks.size() << " points of " << dir << ", one per array task\n"
      << "#SBATCH --job-name=adaround-sweep\n"
      << "#SBATCH --array=0-" << (tasks.empty() ? 0 : tasks.size() - 1) << "\n"
      << "#SBATCH --output=" << slurmDir(dir) << "/%A_%a.out\n"
      << "#SBATCH --cpus-per-task=" << o.cpus << "\n";
    if (!o.partition.empty())
        s << "#SBATCH --partition=" << o.partition << "\n";
    if (!o.time.empty())
        s << "#SBATCH --time=" << o.time << "\n";
    if (!o.mem.empty())
        s << "#SBATCH --mem=" << o.mem << "\n";
    for (const std::string& a : o.extraArgs)
        s << "#SBATCH " << a << "\n";
    s << "case \"$SLURM_ARRAY_TASK_ID\" in\n";
    for (size_t i = 0; i < tasks.size(); ++i) {
        s << i << ") # point " << sweepPointName(tasks[i].point) << ", attempt " << tasks[i].attempt << "\n   exec";
        for (const std::string& a : tasks[i].argv)
            s << " " << shellQuote(a);
        s << " ;;\n";
    }
    s << "*) echo \"no sweep point for array task $SLURM_ARRAY_TASK_ID\" >&2; exit 2 ;;\nesac\n";
    return s.str();
}

std::string writeSbatchScript(const std::string& dir, const std::string& script)
{
    std::error_code ec;
    fs::create_directories(slurmDir(dir), ec);
    if (ec)
        throw Error(slurmDir(dir) + ": cannot create the folder: " + ec.message());
    for (int n = 1;; ++n) {
        const std::string path = (fs::path(slurmDir(dir)) / ("submit-" + std::to_string(n) + ".sh")).string();
        if (!fs::exists(path)) {
            writeFileAtomically(path, script, "sbatch script");
            fs::permissions(path, fs::perms::owner_exec | fs::perms::group_exec, fs::perm_options::add, ec);
            return path;
        }
    }
}

std::string submitSbatch(const std::string& dir, const std::string& scriptPath, const std::vector<SlurmTask>& tasks)
{
    const ProgramOutput r = runProgram({"sbatch", "--parsable", scriptPath});
    if (r.exitCode != 0)
        throw Error("sbatch " + scriptPath + " failed: " + (r.err.empty() ? r.out : r.err));
    std::string id = r.out.substr(0, r.out.find_first_of(";\n")); // "123" or "123;cluster"
    if (id.empty())
        throw Error("sbatch printed no job id");
    Json jobs = readJobs(dir);
    Json list = Json::array();
    for (size_t i = 0; i < tasks.size(); ++i)
        list.push_back({{"task", i}, {"point", tasks[i].point}, {"attempt", tasks[i].attempt}});
    jobs.push_back({{"job", id}, {"script", scriptPath}, {"tasks", list}});
    writeFileAtomically(jobsPath(dir), dumpJson(jobs) + "\n", "Slurm job list");
    return id;
}

std::set<int> slurmPointsInFlight(const std::string& dir)
{
    std::set<int> points;
    Json jobs;
    try {
        jobs = readJobs(dir);
    } catch (const Error&) {
        return points;
    }
    if (!jobs.is_array())
        return points; // a damaged jobs file: nothing known to be queued
    for (const Json& job : jobs) {
        if (!job.is_object() || !job.value("job", Json()).is_string() || !job.value("tasks", Json()).is_array())
            continue; // a damaged entry says nothing about its tasks
        const std::string id = job.value("job", "");
        const ProgramOutput q = runProgram({"squeue", "-h", "-r", "-j", id, "-o", "%i"});
        if (q.exitCode != 0)
            continue; // the job is gone from the controller (or no Slurm here)
        std::set<std::string> live;
        std::istringstream lines(q.out);
        for (std::string line; std::getline(lines, line);)
            live.insert(line);
        for (const Json& t : job.value("tasks", Json::array())) {
            if (!t.is_object() || !t.value("task", Json()).is_number_integer() ||
                !t.value("point", Json()).is_number_integer() || !t.value("attempt", Json(1)).is_number_integer())
                continue;
            if (!live.count(id + "_" + std::to_string(t.value("task", -1))))
                continue;
            const int point = t.value("point", -1), attempt = t.value("attempt", 1);
            const std::string log = sweepPointLogPath(dir, point, attempt);
            // Started and ended (killed, failed) while squeue still lists it: not in flight.
            if (fs::exists(log) && readSweepPointState(dir, point).state != "running")
                continue;
            points.insert(point);
        }
    }
    return points;
}

} // namespace adaround
