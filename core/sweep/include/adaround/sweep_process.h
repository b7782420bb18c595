#pragma once
// Child processes for sweeps: the local runner (each point a process of its
// own, so a crash of one cannot end the sweep) and running a program for its
// output (sbatch, squeue). POSIX; no shell is involved.
#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace adaround {

struct SweepTask {
    int index = 0;                 // the point
    std::vector<std::string> argv; // argv[0] an absolute path
    std::string outputPath;        // stdout and stderr go here (replaced)
};

// How a task ended: its exit code, or 128 + the signal that ended it.
using SweepTaskDone = std::function<void(const SweepTask& task, int exitCode)>;

// Runs TASKS in order, at most JOBS at a time, and returns when every started
// one has ended. Once STOP is set no task starts any more and the running ones
// get SIGTERM (the CLI cancels a run on it and marks its log). Throws Error if a
// process cannot be started.
void runSweepTasks(const std::vector<SweepTask>& tasks, int jobs, const std::atomic<bool>& stop,
                   const std::function<void(const SweepTask&)>& started, const SweepTaskDone& done);

struct ProgramOutput {
    int exitCode = -1; // -1: could not start
    std::string out, err;
};

// Runs ARGV (argv[0] looked up in PATH) with stdin from /dev/null and returns
// what it printed. For short commands such as sbatch and squeue.
ProgramOutput runProgram(const std::vector<std::string>& argv);

} // namespace adaround
