#pragma once
// Works out a run's MemoryPlan from one image pushed through the segmented
// FP32 model: the bytes live at every cut, per image.
#include "adaround/image_stream.h"
#include "adaround/memory_plan.h"
#include "segmented_forward_p.h"

namespace adaround {

struct PlanInputs {
    int64_t calibImages = 0;
    int64_t curveImages = 0;
    int64_t evalBatch = 0;
    int64_t prefetchBatches = StreamOptions{}.prefetchBatches;
    int64_t budget = 0;
};

MemoryPlan planMemory(const ModelImpl& fp, SegmentedForward& segments, const torch::Tensor& probe,
                      const PlanInputs& in);

// Images per evaluation batch: 256 (the figures the demo has always had), fewer
// for large images so a batch's decoded images stay near 64 MiB.
int64_t evalBatchFor(int64_t imageBytes);

} // namespace adaround
