#include "memory_planner_p.h"

#include "layer_optimizer_p.h"

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
    torch::NoGradGuard noGrad;
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
    // The optimise phase holds both models' values at the cut and the layer's
    // FP32 outputs (its targets): the widest layer is where their sum peaks.
    int64_t widest = 0, widestState = 0;
    for (size_t c = 0; c < cuts.size(); ++c) {
        if (c > 0) {
            single = segments.advance(c, std::move(single));
            pair = segments.advance(c, std::move(pair));
        }
        const int layer = cuts[c];
        const int64_t state = int64_t(stateBytes(pair)) - int64_t(stateBytes(single));
        const torch::Tensor x = segments.layerInput(c, single);
        const int64_t target = int64_t(
            layerForward(fp.layers.at(size_t(layer)), x.narrow(0, 0, 1), fp.weight(layer), fp.bias(layer)).nbytes());
        widestState = std::max(widestState, state);
        if (2 * state + target > widest) {
            widest = 2 * state + target;
            plan.cutBytesPerImage = state;
            plan.targetBytesPerImage = target;
            plan.widestLayer = fp.layers.at(size_t(layer)).name;
        }
    }
    plan.calibImageBytes = plan.imageBytes * in.calibImages;
    plan.cutBytes = 2 * plan.cutBytesPerImage * in.calibImages;
    plan.targetBytes = plan.targetBytesPerImage * in.calibImages;
    plan.curveBytes = 2 * widestState * in.curveImages; // the curve's own widest cut
    // Prefetched, being decoded and being scored (as ImageStream bounds them).
    plan.evalBytes = (in.prefetchBatches + 2) * in.evalBatch * plan.imageBytes;
    return plan;
}

} // namespace adaround
