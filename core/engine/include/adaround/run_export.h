#pragma once
// Exports of a completed run, for use outside the workbench:
//   model.pt         TorchScript, weights replaced by their quantized values
//                    (BatchNorm folded); torch.jit.load opens it in Python
//   encodings.json   AIMET's param_encodings layout (per-channel bitwidth, min,
//                    max, scale, offset, is_symmetric); with activation
//                    quantization also activation_encodings ("<layer>.input")
//   weights/NNN_<layer>.codes.npy, .scale.npy, .zero_point.npy
//                    integer weights (uint8) with their scales and zero-points
#include "adaround/adaround_run.h"

#include <string>
#include <vector>

namespace adaround {

// Writes into DIR (created if missing). Everything is written to a staging
// folder first and moved into place at the end: a failure leaves DIR as it
// was. Throws Error if DIR is not writable or the run did not complete.
// Returns the paths written.
std::vector<std::string> exportRun(AdaRoundRun& run, const RunResult& result, const std::string& dir);

// Creates DIR if needed and proves it writable; throws Error otherwise. Call it
// before a long run so a bad --export path fails in seconds, not after the run.
void checkExportFolder(const std::string& dir);

// The AIMET-style encodings document alone (used by exportRun and tests).
// Activation grids go under activation_encodings, keyed "<layer>.input".
std::string aimetEncodingsJson(const std::vector<QuantizedLayer>& layers,
                               const std::vector<ActivationGrid>& activations = {});

} // namespace adaround
