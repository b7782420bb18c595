#pragma once
// The parts of a run log written once per run or layer (run_log_layout.cpp).
#include "adaround/run_events.h"
#include "adaround/run_log.h"
#include "h5_p.h"

#include <string>
#include <vector>

namespace adaround {

// Now, as the log stores times: ISO 8601, UTC ("2026-11-30T08:41:09Z").
std::string utcNow();
// Attributes named once for the writer and the reader: the root's text facts
// and a finished layer's metrics.
struct RootTextFact {
    const char* name;
    std::string RunLogInfo::*member;
};
inline constexpr RootTextFact kRootTextFacts[] = {
    {"status", &RunLogInfo::status},           {"error", &RunLogInfo::error},
    {"start_time", &RunLogInfo::startTime},    {"end_time", &RunLogInfo::endTime},
    {"application", &RunLogInfo::application}, {"app_version", &RunLogInfo::appVersion},
    {"torch_version", &RunLogInfo::torchVersion}, {"qt_version", &RunLogInfo::qtVersion},
    {"hdf5_version", &RunLogInfo::hdf5Version},   {"opencv_version", &RunLogInfo::opencvVersion}};

struct LayerMetric {
    const char* name;
    double LayerFinished::*member;
};
inline constexpr LayerMetric kLayerMetrics[] = {
    {"rec_mse_rtn", &LayerFinished::recMseRtn},     {"rec_mse_soft", &LayerFinished::recMseSoft},
    {"rec_mse_hard", &LayerFinished::recMseHard},   {"flipped_share", &LayerFinished::flippedShare},
    {"settled_share", &LayerFinished::settledShare}, {"seconds", &LayerFinished::seconds},
    {"iterations_per_second", &LayerFinished::iterationsPerSecond}};

// /data/memory_plan: the plan the run was checked against (absent in logs of
// earlier versions), its counts named once for the writer and the reader.
struct MemoryPlanCount {
    const char* name;
    int64_t MemoryPlan::*member;
};
inline constexpr MemoryPlanCount kMemoryPlanCounts[] = {
    {"calib_images", &MemoryPlan::calibImages},     {"curve_images", &MemoryPlan::curveImages},
    {"eval_batch", &MemoryPlan::evalBatch},         {"cut_bytes_per_image", &MemoryPlan::cutBytesPerImage},
    {"image_bytes", &MemoryPlan::imageBytes},       {"calib_image_bytes", &MemoryPlan::calibImageBytes},
    {"cut_bytes", &MemoryPlan::cutBytes},           {"curve_bytes", &MemoryPlan::curveBytes},
    {"eval_bytes", &MemoryPlan::evalBytes},         {"model_bytes", &MemoryPlan::modelBytes},
    {"budget_bytes", &MemoryPlan::budget},          {"target_bytes_per_image", &MemoryPlan::targetBytesPerImage},
    {"target_bytes", &MemoryPlan::targetBytes}};
void writeMemoryPlan(hid_t data, const MemoryPlan& plan);
MemoryPlan readMemoryPlan(hid_t data);

// The root's facts of who wrote the log, when and with what (not the schema
// name), as a new log gets them and as the sandbox's copy sets them back.
void writeRootFacts(hid_t root, const RunLogInfo& facts, int layersDone);
// /model's fingerprint of the model file (bytes -1, sha256 "" if unreadable).
void writeModelFacts(hid_t model, const std::string& path, int64_t bytes, const std::string& sha256);
// "003_conv2": the group of layer 3 under /layers.
std::string layerGroupName(int index, const std::string& name);
// /model/layer_table: one row per layer of the model.
void writeLayerTable(hid_t model, const RunStarted& e);
// The JSON for readers, and every knob as an attribute for h5dump and h5py users.
void writeConfig(hid_t group, const AdaRoundConfig& c);
// /activations: one row per quantized layer input, only with activation quantization.
void writeActivationGrids(hid_t root, const std::vector<ActivationGrid>& grids);

// /data: how many images were skipped, and which with why.
void writeSkippedFiles(hid_t data, const RunStarted& e);
// /data: the model's class names in output order, their source, and which of
// them the calibration and evaluation folders held (nothing if not known).
void writeClassMapping(hid_t data, const ClassMapping& m);
// Reads what writeClassMapping wrote; empty for logs written before it.
ClassMapping readClassMapping(hid_t data);
// /model/float_layers: layers with weights that AdaRound leaves in float.
void writeFloatLayers(hid_t model, const RunStarted& e);

} // namespace adaround
