#pragma once
// The parts of a run log written once per run or layer (run_log_layout.cpp).
#include "adaround/run_events.h"
#include "h5_p.h"

#include <string>
#include <vector>

namespace adaround {

// Now, as the log stores times: ISO 8601, UTC ("2026-11-30T08:41:09Z").
std::string utcNow();
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
