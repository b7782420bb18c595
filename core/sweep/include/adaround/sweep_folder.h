#pragma once
// A sweep's folder: manifest.json (the spec and its points), points/NNN.json
// (each point's configuration, an ordinary --config file) and logs/NNN.h5 (its
// run log; a re-run writes logs/NNN.attempt2.h5 and keeps the old one). The
// state of a point is read from its latest log, so any process (the sweep, a
// Slurm task, `sweep status`, the workbench) sees the same thing.
#include "adaround/json.h"
#include "adaround/run_log_summary.h"
#include "adaround/sweep_spec.h"

#include <optional>
#include <string>
#include <vector>

namespace adaround {

inline constexpr const char* kSweepSchema = "adaround-sweep";

struct SweepManifestPoint {
    int index = 0;
    std::vector<std::pair<std::string, std::string>> settings;
    int seedIndex = 0;
    int group = 0;
    uint64_t seed = 0;
};

struct SweepManifest {
    std::string dir; // absolute
    Json spec;
    std::vector<SweepManifestPoint> points;
};

std::string sweepPointName(int index);                             // "003"
std::string sweepPointConfigPath(const std::string& dir, int index); // DIR/points/003.json
std::string sweepPointLogPath(const std::string& dir, int index, int attempt); // DIR/logs/003[.attemptK].h5

// Writes DIR's manifest and point configurations for a new sweep, or, if DIR
// already holds a manifest, checks that it is the same sweep (same spec and
// points) and rewrites nothing. Throws Error for another sweep in DIR.
SweepManifest prepareSweepFolder(const std::string& dir, const SweepSpec& spec, const std::vector<SweepPoint>& points);

// Throws Error if DIR holds no readable manifest.
SweepManifest readSweepManifest(const std::string& dir);

// A point as its logs tell: state pending (no log), running (its writer holds
// the log's lock), completed, failed, cancelled or killed (the log says
// running, nobody writes it), or unreadable (a log that cannot be read).
struct SweepPointState {
    int index = 0;
    int attempts = 0; // logs written so far
    std::string state = "pending";
    std::string log;   // the latest log, "" if none
    std::string error; // failed: the run's error; unreadable: why
    std::optional<RunLogSummary> summary;
};

SweepPointState readSweepPointState(const std::string& dir, int index);

// Whether a point in STATE must run (again): all but completed, running and
// queued (sweep_report.h's readSweepStates: a Slurm task not started yet).
bool sweepPointNeedsRun(const std::string& state);

} // namespace adaround
