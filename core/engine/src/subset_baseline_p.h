#pragma once
// The progress curve's references on its own images, measured before the first
// layer: the FP32 model, and the run's whole plan at round-to-nearest.
#include "adaround/image_set.h"
#include "adaround/progress.h"
#include "adaround/quantizer.h"
#include "adaround/run_events.h"

#include <vector>

namespace adaround {

class Model;

// FP: the BatchNorm-folded FP32 model. RTN: the run's RTN model while it still
// holds FP's weights (activation quantizers as in the run); every layer of BITS
// is rounded to nearest on SPEC's grid for one pass over SUBSET and given FP's
// weights back, so the curve then quantizes it a layer at a time. (No fourth
// model in memory.) PROGRESS gets a stage per model; a cancel propagates.
SubsetBaseline measureSubsetBaseline(Model& fp, Model& rtn, const std::vector<int>& bits, const QuantSpec& spec,
                                     const ImageSet& subset, int batchSize, const ProgressFn& progress);

} // namespace adaround
