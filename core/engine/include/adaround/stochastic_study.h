#pragma once
// The stochastic-rounding study (Nagel et al. 2020, section 2, the paper's
// motivating experiment): one layer quantized at a chosen bit-width, every
// other layer in FP32; round-to-nearest against N roundings drawn at random,
// each weight up with probability equal to its fractional part W/s - floor(W/s)
// (sample i seeded with seed + i, so the same seed gives the same roundings),
// and optionally AdaRound on that layer. For each: top-1 on the evaluation
// images and the layer's output MSE against FP32 on the calibration images.
#include "adaround/adaround_config.h"
#include "adaround/run_control.h"
#include "adaround/study_events.h"

#include <string>
#include <vector>

namespace adaround {

struct StudyRequest {
    // Model, folders, classes, preprocessing, calibration size, grid
    // (granularity, symmetry), threads, memory budget, and the AdaRound knobs
    // for withAdaRound. evalSubset K > 0: top-1 on K images of the evaluation
    // folder, picked as a run picks its curve's subset; 0: the whole folder.
    // seed: the calibration sample's, the subset's and the roundings' (seed + i).
    // The bit plan, RTN-only layers and activation bits are not used.
    AdaRoundConfig config;
    std::string layer;       // a layer name as `adaround-cli inspect` lists it
    int bits = 4;            // 2 .. 8
    int samples = 100;       // 1 .. 10000
    bool withAdaRound = false;
};

inline constexpr int kMaxStudySamples = 10000;

// Runs the study to completion, cancellation or failure. Never throws: every
// event goes to OBSERVER (a failure as StudyFailed with an actionable message:
// an unknown layer name lists the valid ones), and the record of them all is
// returned. Cancelled between samples, images and iterations via CONTROL.
StudyRecord runStochasticStudy(const StudyRequest& request, StudyObserver& observer, const RunControl& control);

} // namespace adaround
