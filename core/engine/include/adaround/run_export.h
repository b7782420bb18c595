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
#include "adaround/file_io.h"

#include <string>
#include <vector>

namespace adaround {

// Writes the folder DIR: everything goes into a hidden sibling folder first,
// which is renamed to DIR only when complete, so a failure (disk full) leaves
// DIR as it was and nothing partial. DIR must be missing or empty; with
// REPLACE it may hold a previous export (only that), which is replaced whole.
// Never writes over the run's model or into its image folders. Throws Error
// with the reason (checkExportFolder's, a write error, a LibTorch error) if
// the run did not complete. Returns the paths written.
std::vector<std::string> exportRun(AdaRoundRun& run, const RunResult& result, const std::string& dir,
                                   bool replace = false);

// exportRun's checks, without writing: call it before a long run so a refused
// --export fails in seconds, not after the run. INPUTS are the run's files
// and folders (model, calibration and evaluation folders, config file).
void checkExportFolder(const std::string& dir, const std::vector<NamedInput>& inputs, bool replace);

// The AIMET-style encodings document alone (used by exportRun and tests).
// Activation grids go under activation_encodings, keyed "<layer>.input".
std::string aimetEncodingsJson(const std::vector<QuantizedLayer>& layers,
                               const std::vector<ActivationGrid>& activations = {});

} // namespace adaround
