#include "study_layer_p.h"

#include "adaround/error.h"
#include "cancel_p.h"
#include "logit_scores_p.h"

#include <chrono>
#include <random>

namespace adaround {

StudyLayer::StudyLayer(ModelImpl& model, int layer, SegmentedForward& segments, int bits, const QuantSpec& spec)
    : model_(model), layer_(layer), segments_(segments), info_(model.layers.at(size_t(layer)))
{
    torch::NoGradGuard noGrad;
    weight_ = model.weight(layer).detach().clone();
    bias_ = model.bias(layer);
    QuantSpec s = spec;
    s.bits = bits;
    grid_ = fitTensorGrid(weight_, s);
    const torch::Tensor scaled = weight_ / grid_.scale;
    floor_ = torch::floor(scaled);
    rest_ = (scaled - floor_).contiguous();
    nearestUp_ = torch::round(scaled) - floor_; // as the optimiser defines RTN's choice
}

StudyLayer::~StudyLayer()
{
    torch::NoGradGuard noGrad;
    model_.weight(layer_).copy_(weight_);
}

torch::Tensor StudyLayer::dequantize(const torch::Tensor& up) const
{
    return grid_.scale * (torch::clamp(floor_ + up + grid_.zeroPoint, 0.0, grid_.qmax()) - grid_.zeroPoint);
}

void StudyLayer::captureCalibration(const torch::Tensor& images, const ProgressFn& progress)
{
    torch::NoGradGuard noGrad;
    CutStates states(segments_, images, progress, "inputs of " + info_.name);
    input_ = states.takeLayerInput();
    std::vector<torch::Tensor> parts;
    for (int64_t s = 0; s < input_.size(0); s += 256)
        parts.push_back(layerForward(info_, input_.narrow(0, s, std::min<int64_t>(256, input_.size(0) - s)), weight_,
                                     bias_));
    target_ = torch::cat(parts, 0);
}

void StudyLayer::prepareEvaluation(const torch::Tensor& images, std::vector<int> labels, const ProgressFn& progress)
{
    torch::NoGradGuard noGrad;
    // In batches of the run's evaluation size: the same logits as a whole pass.
    eval_.emplace(segments_, images, progress, "evaluation images up to " + info_.name, 256);
    labels_ = std::move(labels);
}

double StudyLayer::fp32Top1()
{
    torch::NoGradGuard noGrad;
    model_.weight(layer_).copy_(weight_);
    return accuracyOf(countHits(eval_->outputFromHere(), labels_.data(), int64_t(labels_.size()))).top1;
}

torch::Tensor StudyLayer::stochasticUp(uint64_t seed) const
{
    std::mt19937_64 gen(seed);
    torch::Tensor up = torch::empty_like(rest_);
    const float* rest = rest_.data_ptr<float>();
    float* out = up.data_ptr<float>();
    for (int64_t i = 0; i < rest_.numel(); ++i) {
        const double u = double(gen() >> 11) * 0x1.0p-53; // uniform in [0, 1), 53 bits
        out[i] = u < double(rest[i]) ? 1.0f : 0.0f;
    }
    return up;
}

StudyPoint StudyLayer::measure(const torch::Tensor& up)
{
    torch::NoGradGuard noGrad;
    const torch::Tensor w = dequantize(up);
    StudyPoint p;
    p.recMse = outputMse(info_, input_, target_, w, bias_);
    p.flippedShare = (up != nearestUp_).to(torch::kFloat64).mean().item<double>();
    model_.weight(layer_).copy_(w);
    p.top1 = accuracyOf(countHits(eval_->outputFromHere(), labels_.data(), int64_t(labels_.size()))).top1;
    model_.weight(layer_).copy_(weight_);
    return p;
}

StudyAdaRound StudyLayer::adaround(const AdaRoundConfig& config, RunObserver& observer, const RunControl& control)
{
    const auto started = std::chrono::steady_clock::now();
    LayerTask task;
    task.index = layer_;
    task.info = &info_;
    task.weight = weight_;
    task.bias = bias_;
    task.grid = grid_;
    task.inputFp = input_; // every other layer in FP32: x^ is x
    task.inputQ = input_;
    const LayerResult r = optimiseLayer(task, config, observer, control);
    if (r.cancelled)
        throw RunCancelledSignal{};
    StudyAdaRound a;
    a.point = measure(r.roundedUp.to(torch::kFloat32));
    a.keptRtn = r.summary.keptRtn;
    a.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return a;
}

} // namespace adaround
