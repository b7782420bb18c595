#pragma once
// A sweep's results, read from its logs: one row per point (settings, seed,
// state, FP32 / RTN / AdaRound top-1 and top-5, mean settled share, seconds)
// and, per group of points that differ only in the seed, mean ± std over the
// completed seeds. The CLI prints it (sweep status, sweep report); the JSON is
// also the documented machine-readable form (docs/cli.md).
#include "adaround/json.h"
#include "adaround/sweep_folder.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace adaround {

// The states of every point of MANIFEST, read from their logs; a point whose
// Slurm task is still queued (sweep_slurm.h) is "queued" until its run ends.
std::vector<SweepPointState> readSweepStates(const SweepManifest& manifest);

// For a reader that polls (the workbench, every few seconds): the states read
// last time, by point. A point whose latest log is the same file, unchanged in
// size and modification time, keeps its state unless that was running or
// unreadable (a running log can die without a change to its file), so a poll
// re-reads only the logs that moved.
struct SweepStateCache {
    struct Entry {
        std::string log;
        uintmax_t size = 0;
        int64_t modified = 0; // file time, in its clock's ticks
        SweepPointState state;
    };
    std::map<int, Entry> points;
    int reads = 0; // logs read (not taken from the cache), over the cache's life
};
std::vector<SweepPointState> readSweepStates(const SweepManifest& manifest, SweepStateCache& cache);

// {"dir", "counts": {"completed": n, ...}, "points": [{"index", "name",
// "settings", "seed", "config", "status", "attempts", "log", "error",
// "fp32_top1", "fp32_top5", "rtn_top1", "rtn_top5", "top1", "top5",
// "settled_share", "seconds"}], "groups": [{"group", "settings", "points",
// "completed", "top1": {"mean", "std"}, "rtn_top1": ..., "fp32_top1": ...,
// "top5": ...}], "best": {"group", "point"} or null}. A point's "top1" is its
// AdaRound top-1 (percent); figures of points that have not completed are null;
// std is the sample standard deviation (0 for one seed).
Json sweepReport(const SweepManifest& manifest, const std::vector<SweepPointState>& states);

// The report's points as CSV: index, the swept keys, seed, status, attempts,
// the figures, seconds, log. RFC 4180 quoting.
std::string sweepReportCsv(const Json& report);

} // namespace adaround
