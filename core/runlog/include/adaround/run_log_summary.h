#pragma once
// A run log's summary for listing many runs (the workbench's run browser): the
// root facts, the configuration, each finished layer's final metrics and the
// final accuracies, without the iteration series and histograms that make up
// most of a log. Read with the same checks as readRunLog.
#include "adaround/run_log.h"

#include <optional>
#include <string>
#include <vector>

namespace adaround {

struct RunLogSummary {
    RunLogInfo info;
    bool hasStarted = false;              // false: the run failed or was cancelled before its first layer
    AdaRoundConfig config;
    int plannedLayers = 0;                // layers to quantize (bits > 0)
    int layersDone = 0;
    std::vector<LayerFinished> layers;    // finished layers, in order
    std::optional<RunFinished> finished;  // completed runs: FP32 / RTN / AdaRound and the run's seconds
};

// Reads the summary of the log at PATH. A verified log is parsed in-process,
// reading only attributes and the layer table; an unsealed one goes through the
// sandbox helper as in readRunLog (whole). Throws what readRunLog throws
// (RunLogDamaged for a failed integrity check).
RunLogSummary readRunLogSummary(const std::string& path);

// The summary of a log already read whole.
RunLogSummary summarize(const RunLog& log);

// The SHA-256 of a file's bytes, as a log stores its model's (lower-case hex);
// throws Error if the file cannot be read.
std::string fileSha256(const std::string& path);

} // namespace adaround
