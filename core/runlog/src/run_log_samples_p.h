#pragma once
// What the Who Flipped view needs from a layer's group (docs/runlog.md): the
// FP32 weights' fractional positions (`fraction`) and the h(V) trajectories
// of a sample of its weights (`sample_index`, `sample_h`). Both are additive:
// logs written before them have neither.
#include "adaround/run_events.h"
#include "h5_p.h"

#include <cstdint>
#include <vector>

namespace adaround {

// `fraction`, uint8 floor(256 f) in the weight's shape.
void writeFraction(hid_t layerGroup, const std::vector<hsize_t>& shape, const std::vector<float>& fraction);

// `fraction` of a layer with WEIGHTS weights, each its bin's centre (q + 0.5) / 256;
// empty when the log predates it.
// Throws Error for another size.
std::vector<float> readFraction(hid_t layerGroup, size_t weights);

// The weight samples of layer LAYER, one per row of sample_h, at the
// iterations of histogram_iteration's first rows; none when the log predates
// them. Throws Error for rows or widths that do not fit.
std::vector<WeightSample> readWeightSamples(hid_t layerGroup, int layer, const std::vector<int32_t>& histIterations);

} // namespace adaround
