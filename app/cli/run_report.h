#pragma once
// A run's figures as the CLI prints them, shared by `run` and `log info` so a
// logged run reads the same as a live one.
#include "adaround/json.h"
#include "adaround/run_events.h"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace cli {

// {"name", "bits", "optimised", "rec_mse_rtn", ..., "iterations_per_second"}
adaround::Json layerJson(const adaround::LayerFinished& l);
// [{"layers_done", "rtn_top1", "adaround_top1"}, ...]
adaround::Json progressJson(const std::vector<adaround::AccuracyPoint>& progress);
// {"images", "fp32": {"top1", "top5"}, "rtn": {...}}: the progress curve's
// references on its subset; null without one (no eval subset, or a log written before it).
adaround::Json baselineJson(const std::optional<adaround::SubsetBaseline>& b);
// "eval subset (500 images) before the first layer: FP32 top-1 92.80%, RTN of every planned layer 77.60%"
std::string describeBaseline(const adaround::SubsetBaseline& b);
// {"top1", "top5"}
adaround::Json accuracyJson(const adaround::Accuracy& a);
// Adds "fp32", "rtn", "adaround": {"top1", "top5"} to the object J.
void addAccuracyJson(adaround::Json& j, const adaround::RunFinished& f);

// [{"file", "reason"}, ...]
adaround::Json skippedJson(const std::vector<adaround::SkippedFile>& skipped);
// One "skipped: FILE: REASON" line per file.
void printSkipped(const std::vector<adaround::SkippedFile>& skipped, std::ostream& out);

// {"names": [...], "source": "list"|"calibration"|"folder", "calib": [indices] (WITH_CALIB), "eval": [indices]}
adaround::Json classesJson(const adaround::ClassMapping& m, bool withCalib);

// [{"name", "kind"}, ...]
adaround::Json floatLayersJson(const std::vector<adaround::FloatLayer>& layers);
// "left in float (not quantized): up (ConvTranspose2d), lstm (LSTM)"; nothing if none.
void printFloatLayers(const std::vector<adaround::FloatLayer>& layers, std::ostream& out);

void printLayerTable(const std::vector<adaround::LayerFinished>& layers, std::ostream& out);
void printAccuracyTable(const adaround::RunFinished& f, std::ostream& out);

} // namespace cli
