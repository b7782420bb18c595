#include "memory_planner_p.h"

#include <algorithm>

namespace adaround {
namespace {

int64_t moduleBytes(const torch::jit::Module& m)
{
    int64_t bytes = 0;
    for (const auto& p : m.parameters(true))
        bytes += int64_t(p.nbytes());
    for (const auto& b : m.buffers(true))
        bytes += int64_t(b.nbytes());
    return bytes;
}

} // namespace

int64_t evalBatchFor(int64_t imageBytes)
{
    constexpr int64_t kBatchBytes = int64_t(64) << 20;
    return std::clamp<int64_t>(kBatchBytes / std::max<int64_t>(1, imageBytes), 16, 256);
}

MemoryPlan planMemory(const ModelImpl& fp, SegmentedForward& segments, const torch::Tensor& probe,
                      const PlanInputs& in)
{
    MemoryPlan plan;
    plan.calibImages = in.calibImages;
    plan.curveImages = in.curveImages;
    plan.evalBatch = in.evalBatch;
    plan.budget = in.budget;
    plan.imageBytes = int64_t(probe[0].nbytes());
    plan.modelBytes = 3 * moduleBytes(fp.module);

    // Bytes per image: the growth from one image to two, so what does not
    // scale with the batch (weights read before a cut) is not counted per image.
    const torch::Tensor one = probe.narrow(0, 0, 1).clone();
    SegmentedForward::State single = segments.start(one);
    SegmentedForward::State pair = segments.start(torch::cat({one, one}, 0));
    const auto& cuts = segments.cutLayers();
    if (!cuts.empty())
        plan.widestLayer = fp.layers.at(size_t(cuts.front())).name;
    for (size_t c = 0; c < cuts.size(); ++c) {
        if (c > 0) {
            single = segments.advance(c, std::move(single));
            pair = segments.advance(c, std::move(pair));
        }
        const int64_t bytes = int64_t(stateBytes(pair)) - int64_t(stateBytes(single));
        if (bytes > plan.cutBytesPerImage) {
            plan.cutBytesPerImage = bytes;
            plan.widestLayer = fp.layers.at(size_t(cuts[c])).name;
        }
    }
    plan.calibImageBytes = plan.imageBytes * in.calibImages;
    plan.cutBytes = 2 * plan.cutBytesPerImage * in.calibImages;
    plan.curveBytes = 2 * plan.cutBytesPerImage * in.curveImages;
    // Prefetched, being decoded and being scored (as ImageStream bounds them).
    plan.evalBytes = (in.prefetchBatches + 2) * in.evalBatch * plan.imageBytes;
    return plan;
}

} // namespace adaround
