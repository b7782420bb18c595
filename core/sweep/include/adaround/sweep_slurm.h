#pragma once
// Sweeps on Slurm: one job array per submission, one point per task, each task
// an ordinary `adaround-cli run --config POINT.json --log LOG` of the same
// binary (the cluster's nodes share the filesystem). Submissions are recorded
// in DIR/slurm/jobs.json so that a re-run neither resubmits a point still queued
// or running nor misses one whose task died.
#include <set>
#include <string>
#include <vector>

namespace adaround {

struct SlurmOptions {
    std::string partition, time, mem; // "" = not requested
    int cpus = 1;                      // --cpus-per-task
    std::vector<std::string> extraArgs; // each becomes an "#SBATCH ARG" line
};

struct SlurmTask {
    int point = 0;
    int attempt = 1;
    std::vector<std::string> argv; // the run's command line
};

// The sbatch script for TASKS (array indices 0..n-1, in order). Task output
// goes to DIR/slurm/%A_%a.out.
std::string sbatchScript(const std::string& dir, const SlurmOptions& options, const std::vector<SlurmTask>& tasks);

// Writes the script to DIR/slurm/submit-N.sh (N the next free number; the
// output folder is created first: Slurm fails every task of an array whose
// --output folder is missing) and returns its path.
std::string writeSbatchScript(const std::string& dir, const std::string& script);

// Submits SCRIPT with sbatch --parsable and records the job in DIR/slurm/jobs.json.
// Returns the job id. Throws Error with sbatch's message if it fails.
std::string submitSbatch(const std::string& dir, const std::string& scriptPath, const std::vector<SlurmTask>& tasks);

// Points whose recorded task is still in the queue (pending or running, by
// squeue) and whose log for that attempt has not ended: they must not be
// submitted again. Empty without jobs.json or when squeue fails.
std::set<int> slurmPointsInFlight(const std::string& dir);

} // namespace adaround
