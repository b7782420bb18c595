#pragma once
// One layer of a model under study (stochastic_study.h): its grid at the
// studied bits, its fractional parts W/s - floor(W/s), its input and FP32
// output on the calibration images, and the evaluation images held at its cut,
// so a rounding is measured by one pass of the rest of the network.
#include "adaround/adaround_config.h"
#include "adaround/progress.h"
#include "adaround/run_control.h"
#include "adaround/study_events.h"
#include "cut_states_p.h"
#include "layer_optimizer_p.h"

#include <optional>
#include <vector>

namespace adaround {

class StudyLayer {
public:
    // MODEL: BatchNorm folded, every layer in FP32; SEGMENTS cut it before LAYER only.
    StudyLayer(ModelImpl& model, int layer, SegmentedForward& segments, int bits, const QuantSpec& spec);
    ~StudyLayer(); // gives the model its FP32 weight back

    // The layer's input and FP32 output on the calibration images (the rec MSE's data).
    void captureCalibration(const torch::Tensor& images, const ProgressFn& progress);
    // The evaluation images advanced to the layer's cut, with their labels.
    void prepareEvaluation(const torch::Tensor& images, std::vector<int> labels, const ProgressFn& progress);

    double fp32Top1();
    // Round-to-nearest's choice: 1 where it rounds up from floor(W/s).
    const torch::Tensor& nearestUp() const { return nearestUp_; }
    // Each weight up with probability equal to its fractional part, drawn from
    // std::mt19937_64(SEED) in the weight's memory order (the same on every platform).
    torch::Tensor stochasticUp(uint64_t seed) const;
    // Top-1, rec MSE and share flipped of the rounding UP (0/1 per weight).
    StudyPoint measure(const torch::Tensor& up);
    // The engine's per-layer AdaRound with CONFIG's knobs on the calibration
    // data; progress of its iterations to OBSERVER. Throws RunCancelledSignal if cancelled.
    StudyAdaRound adaround(const AdaRoundConfig& config, RunObserver& observer, const RunControl& control);

private:
    torch::Tensor dequantize(const torch::Tensor& up) const;

    ModelImpl& model_;
    int layer_;
    SegmentedForward& segments_;
    const LayerInfo& info_;
    torch::Tensor weight_, bias_;
    TensorGrid grid_;
    torch::Tensor floor_, rest_, nearestUp_;
    torch::Tensor input_, target_; // calibration: x and f_a(W x + b)
    std::optional<CutStates> eval_;
    std::vector<int> labels_;
};

} // namespace adaround
