// adaround-cli sweep: expands the sweep into points, writes the sweep folder
// and runs the points that need it (pending, failed, cancelled, killed), each
// as an ordinary `run` of this very binary: here with --jobs N child
// processes, or as one Slurm job array. `sweep status` and `sweep report`
// read the folder (sweep_report_command.cpp). See docs/cli.md, "Sweeps".
#include "adaround/error.h"
#include "adaround/runtime.h"
#include "adaround/sweep_folder.h"
#include "adaround/sweep_process.h"
#include "adaround/sweep_report.h"
#include "adaround/sweep_slurm.h"
#include "commands.h"
#include "option_helpers.h"
#include "sweep_options.h"
#include "sweep_report_command.h"
#include "text_table.h"

#include <CLI/CLI.hpp>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <map>

namespace fs = std::filesystem;

namespace cli {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void onSweepSignal(int) { g_stop = true; }

// This program, by absolute path: every point runs the same binary.
std::string selfPath()
{
    std::error_code ec;
    const fs::path p = fs::read_symlink("/proc/self/exe", ec);
    if (ec)
        throw adaround::Error("cannot find this program's own path (/proc/self/exe): " + ec.message());
    return p.string();
}

std::string describe(const adaround::SweepManifestPoint& p)
{
    std::string s;
    for (const auto& [k, v] : p.settings)
        s += (s.empty() ? "" : " ") + k + "=" + v;
    return s + (s.empty() ? "" : " ") + "seed=" + std::to_string(p.seed);
}

std::vector<std::string> runArgv(const std::string& self, const std::string& dir, int index, int attempt, int threads)
{
    return {self, "run", "--config", adaround::sweepPointConfigPath(dir, index), "--log",
            adaround::sweepPointLogPath(dir, index, attempt), "--threads", std::to_string(threads), "--quiet"};
}

std::string commandLine(const std::vector<std::string>& argv)
{
    std::string s;
    for (const std::string& a : argv)
        s += (s.empty() ? "" : " ") + a;
    return s;
}

int runLocally(const SweepSettings& o, const adaround::SweepManifest& m, const std::vector<adaround::SweepPointState>& todo)
{
    const int total = o.spec.base.threads > 0 ? o.spec.base.threads : adaround::hardwareThreads();
    const int threads = std::max(1, total / o.jobs);
    const std::string self = selfPath();
    std::vector<adaround::SweepTask> tasks;
    for (const auto& s : todo) {
        adaround::SweepTask t;
        t.index = s.index;
        t.argv = runArgv(self, m.dir, s.index, s.attempts + 1, threads);
        const fs::path log = t.argv[5];
        t.outputPath = (fs::path(m.dir) / "output" / log.filename().replace_extension(".out")).string();
        tasks.push_back(std::move(t));
    }
    if (o.dryRun) {
        for (const auto& t : tasks)
            std::cout << commandLine(t.argv) << "\n";
        return kOk;
    }
    std::error_code ec;
    fs::create_directories(fs::path(m.dir) / "output", ec);
    if (ec)
        throw adaround::Error(m.dir + "/output: cannot create the folder: " + ec.message());
    std::cerr << "running " << tasks.size() << " points, " << o.jobs << " at a time, " << threads
              << (threads == 1 ? " thread" : " threads") << " each\n";
    g_stop = false;
    std::signal(SIGINT, onSweepSignal);
    std::signal(SIGTERM, onSweepSignal);
    int failed = 0, done = 0;
    adaround::runSweepTasks(
        tasks, o.jobs, g_stop,
        [&](const adaround::SweepTask& t) {
            std::cerr << "point " << adaround::sweepPointName(t.index) << " started: "
                      << describe(m.points[size_t(t.index)]) << "\n";
        },
        [&](const adaround::SweepTask& t, int code) {
            const adaround::SweepPointState s = adaround::readSweepPointState(m.dir, t.index);
            ++done;
            std::cerr << "[" << done << "/" << tasks.size() << "] point " << adaround::sweepPointName(t.index) << " "
                      << s.state;
            if (s.state == "completed" && s.summary && s.summary->finished)
                std::cerr << ": top-1 " << fixed(s.summary->finished->adaround.top1, 2) << " % (RTN "
                          << fixed(s.summary->finished->rtn.top1, 2) << " %)";
            else if (code != 0)
                std::cerr << " (exit " << code << "; see " << t.outputPath << ")";
            std::cerr << "\n";
            failed += s.state != "completed";
        });
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (g_stop) {
        std::cerr << "adaround-cli: sweep stopped; the same command resumes it\n";
        return kCancelled;
    }
    if (failed > 0) {
        std::cerr << "adaround-cli: " << failed << " of " << tasks.size()
                  << " points did not complete (sweep status " << m.dir << "); the same command re-runs them\n";
        return kFailed;
    }
    return kOk;
}

int submitToSlurm(const SweepSettings& o, const adaround::SweepManifest& m,
                  const std::vector<adaround::SweepPointState>& todo)
{
    const std::string self = selfPath();
    std::vector<adaround::SlurmTask> tasks;
    for (const auto& s : todo)
        tasks.push_back({s.index, s.attempts + 1, runArgv(self, m.dir, s.index, s.attempts + 1, o.slurmOptions.cpus)});
    const std::string script = adaround::writeSbatchScript(m.dir, adaround::sbatchScript(m.dir, o.slurmOptions, tasks));
    if (o.dryRun) {
        std::cout << script << "\n";
        return kOk;
    }
    const std::string job = adaround::submitSbatch(m.dir, script, tasks);
    std::cerr << "submitted " << tasks.size() << " points as job array " << job << " (" << script << ")\n";
    std::cout << job << "\n";
    return kOk;
}

int runSweep(const SweepSettings& o)
{
    const std::vector<adaround::SweepPoint> points = [&] {
        try {
            return adaround::expandSweep(o.spec);
        } catch (const adaround::Error& e) {
            throw UsageError(e.what());
        }
    }();
    for (const char* what : {"model", "calib", "eval"})
        for (const auto& p : points)
            if ((what[0] == 'm' ? p.config.modelPath : what[0] == 'c' ? p.config.calibDir : p.config.evalDir).empty())
                throw UsageError(std::string("--") + what + " is required (on the command line, in --config or --grid)");
    const adaround::SweepManifest m = adaround::prepareSweepFolder(o.out, o.spec, points);
    const std::vector<adaround::SweepPointState> states = adaround::readSweepStates(m);
    std::map<std::string, int> counts;
    std::vector<adaround::SweepPointState> todo;
    for (const auto& s : states) {
        ++counts[s.state];
        if (adaround::sweepPointNeedsRun(s.state))
            todo.push_back(s);
    }
    std::cerr << "sweep " << m.dir << ": " << points.size() << " points";
    for (const auto& [state, n] : counts)
        std::cerr << ", " << n << " " << state;
    std::cerr << "\n";
    if (todo.empty()) {
        std::cerr << "nothing to run\n";
        return kOk;
    }
    return o.slurm ? submitToSlurm(o, m, todo) : runLocally(o, m, todo);
}

} // namespace

CommandRunner addSweepCommand(CLI::App& app)
{
    CLI::App* cmd = app.add_subcommand(
        "sweep", "Many runs over a grid or random samples of settings and seeds, here or on Slurm; "
                 "sweep status DIR, sweep report DIR.");
    cmd->require_subcommand(0, 1);
    cmd->footer("Every run option is the sweep's base; --grid and --range vary settings. DIR gets manifest.json,\n"
                "points/NNN.json and logs/NNN.h5; the same command again runs only what did not complete.");
    auto o = std::make_shared<SweepOptions>(*cmd);
    const SweepReportCommands reports = addSweepReportCommands(*cmd);
    return [o, cmd, reports] {
        if (reports.parsed())
            return reports.run();
        rejectLeftovers(*cmd);
        return runSweep(o->read());
    };
}

} // namespace cli
