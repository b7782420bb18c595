#include "sensitivity_adaround_p.h"

#include "cancel_p.h"
#include "layer_optimizer_p.h"

#include <optional>

namespace adaround {

std::vector<std::map<int, torch::Tensor>> adaroundAlone(ModelImpl& fp, SegmentedForward& segments,
                                                        const std::vector<torch::Tensor>& fpWeights,
                                                        const std::vector<std::map<int, TensorGrid>>& grids,
                                                        const std::vector<int>& widths,
                                                        const torch::Tensor& calib, const AdaRoundConfig& config,
                                                        const ProgressFn& progress, const RunControl& control)
{
    CallbackObserver quiet([](const RunEvent&) {}); // the table reports per layer, not per step
    const size_t n = fpWeights.size();
    std::vector<std::map<int, torch::Tensor>> out(n);
    std::optional<CutStates> states;
    {
        torch::NoGradGuard noGrad;
        states.emplace(segments, calib, cancelCheck(control), "AdaRound: FP32 calibration inputs");
    }
    for (size_t i = 0; i < n; ++i) {
        LayerTask task;
        task.index = int(i);
        task.info = &fp.layers[i];
        task.weight = fpWeights[i];
        task.bias = fp.bias(int(i));
        {
            torch::NoGradGuard noGrad;
            task.inputFp = states->layerInput();
        }
        task.inputQ = task.inputFp; // the other layers are in float: x^ = x
        for (int bits : widths) {
            task.grid = grids[i].at(bits);
            const LayerResult r = optimiseLayer(task, config, quiet, control);
            if (r.cancelled)
                throw RunCancelledSignal{};
            out[i][bits] = r.weight.detach().clone();
            if (progress)
                progress({"AdaRound, one layer: " + fp.layers[i].name + " at " + std::to_string(bits) + " bits", 0, 0});
        }
        task = {};
        if (i + 1 < n) {
            torch::NoGradGuard noGrad;
            states->advance(cancelCheck(control), "AdaRound: FP32 calibration inputs");
        }
    }
    return out;
}

} // namespace adaround
