#pragma once
// The optional AdaRound column of the sensitivity table: each layer optimised
// alone, every other layer in float, so its input is the FP32 model's (x = x^)
// and one forward pass of the calibration images through the FP32 segments
// gives every layer's input.
#include "adaround/adaround_config.h"
#include "adaround/progress.h"
#include "adaround/run_control.h"
#include "cut_states_p.h"
#include "quant_ops_p.h"

#include <map>
#include <vector>

namespace adaround {

// Per layer, by bits: the hard-rounded AdaRound weight after CONFIG.iterations
// steps on CALIB (the BN-folded FP32 weights FP_WEIGHTS and their GRIDS, at WIDTHS). The
// layers' CUTS are every layer, in order. PROGRESS gets a step per (layer,
// bits); a cancel through CONTROL throws RunCancelledSignal.
std::vector<std::map<int, torch::Tensor>> adaroundAlone(ModelImpl& fp, SegmentedForward& segments,
                                                        const std::vector<torch::Tensor>& fpWeights,
                                                        const std::vector<std::map<int, TensorGrid>>& grids,
                                                        const std::vector<int>& widths,
                                                        const torch::Tensor& calib, const AdaRoundConfig& config,
                                                        const ProgressFn& progress, const RunControl& control);

} // namespace adaround
