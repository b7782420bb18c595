#include "layer_optimizer_p.h"

#include "adaround/error.h"
#include "adaround/objective_cost.h"
#include "adaround/rounding_relaxation.h"
#include "rec_gradient_p.h"
#include "reconstruction_p.h"
#include "rounding_state_p.h"
#include "adaround/sampler.h"

#include <chrono>
#include <cmath>

namespace adaround {
namespace {

constexpr double kZeta = kRelaxationZeta;
constexpr double kGamma = kRelaxationGamma;

torch::Tensor activation(const LayerInfo& info, const torch::Tensor& y)
{
    switch (info.activation) {
    case Activation::ReLU: return torch::relu(y);
    case Activation::ReLU6: return torch::clamp(y, 0.0, 6.0);
    case Activation::None: break;
    }
    return y;
}

std::vector<int64_t> histogramOf(const torch::Tensor& h, int bins)
{
    torch::Tensor counts = torch::histc(h.detach().reshape({-1}), bins, 0.0, 1.0).to(torch::kLong);
    return std::vector<int64_t>(counts.data_ptr<int64_t>(), counts.data_ptr<int64_t>() + bins);
}

double settledShare(const torch::Tensor& h)
{
    return ((h < 0.01) | (h > 0.99)).to(torch::kFloat64).mean().item<double>();
}

// h(V) of the relaxation in autograd form (rounding_relaxation.h): STE rounds
// in the forward pass and lets the soft h's gradient through.
torch::Tensor relaxedH(const torch::Tensor& v, Relaxation relaxation, double temperature)
{
    if (relaxation == Relaxation::SigmoidTemperature)
        return torch::sigmoid(v / temperature);
    const torch::Tensor soft = rectifiedSigmoid(v);
    if (relaxation == Relaxation::Ste)
        return soft + ((soft >= 0.5).to(soft.scalar_type()) - soft).detach();
    return soft;
}

uint64_t layerSeed(uint64_t seed, int layer)
{
    return seed * 0x9E3779B97F4A7C15ULL + uint64_t(layer) * 0xBF58476D1CE4E5B9ULL + 1;
}

// The weights whose h(V) trajectory is reported: at most config.trajectorySamples,
// seeded apart from the minibatch order, ascending flat indices.
std::vector<int64_t> trajectoryIndices(int64_t weights, const AdaRoundConfig& config, int layer)
{
    const size_t count = size_t(std::min<int64_t>(std::max(0, config.trajectorySamples), weights));
    std::vector<int64_t> out;
    for (size_t i : sampleIndices(size_t(weights), count, layerSeed(config.seed, layer) ^ 0x7A3C5E1D2B4F6081ULL))
        out.push_back(int64_t(i));
    return out;
}

} // namespace

double outputMse(const LayerInfo& info, const torch::Tensor& x, const torch::Tensor& target, const torch::Tensor& w,
                 const torch::Tensor& b)
{
    torch::NoGradGuard noGrad;
    double sum = 0;
    const int64_t n = x.size(0), chunk = 256;
    for (int64_t s = 0; s < n; s += chunk) {
        const int64_t c = std::min(chunk, n - s);
        sum += (layerForward(info, x.narrow(0, s, c), w, b) - target.narrow(0, s, c)).pow(2).sum().item<double>();
    }
    return sum / double(target.numel());
}

torch::Tensor rectifiedSigmoid(const torch::Tensor& v)
{
    return torch::clamp(torch::sigmoid(v) * (kZeta - kGamma) + kGamma, 0.0, 1.0);
}

torch::Tensor layerForward(const LayerInfo& info, const torch::Tensor& x, const torch::Tensor& w,
                           const torch::Tensor& b)
{
    torch::Tensor y;
    if (info.kind == LayerKind::Linear)
        y = torch::linear(x, w, b);
    else
        y = torch::conv2d(x, w, b, info.stride, info.padding, info.dilation, info.groups);
    return activation(info, y);
}

LayerResult optimiseLayer(const LayerTask& task, const AdaRoundConfig& config, RunObserver& observer,
                          const RunControl& control)
{
    // Timings exclude the time the run was held paused (RunControl::pausedSeconds).
    const auto started = std::chrono::steady_clock::now();
    const double pausedBefore = control.pausedSeconds();
    const LayerInfo& info = *task.info;
    const TensorGrid& g = task.grid;
    const int64_t n = task.inputQ.size(0);
    const int64_t batch = std::min<int64_t>(config.batchSize, n);

    // What is reconstructed (the paper's design choices): from x^ or x, after
    // the activation or before it (a copy of the layer without its activation).
    const torch::Tensor& input = config.reconInput == ReconInput::Float ? task.inputFp : task.inputQ;
    LayerInfo lossInfo = info;
    if (config.reconTarget == ReconTarget::Pre)
        lossInfo.activation = Activation::None;
    auto fp32Outputs = [&](const LayerInfo& layer) {
        // Written chunk by chunk into its place: gathering the chunks and
        // concatenating them held the largest layer's outputs twice.
        torch::NoGradGuard noGrad;
        torch::Tensor out;
        for (int64_t s = 0; s < n; s += 256) {
            const int64_t c = std::min<int64_t>(256, n - s);
            const torch::Tensor part = layerForward(layer, task.inputFp.narrow(0, s, c), task.weight, task.bias);
            if (!out.defined()) {
                std::vector<int64_t> shape = part.sizes().vec();
                shape[0] = n;
                out = torch::empty(shape, part.options());
            }
            out.narrow(0, s, c).copy_(part);
        }
        return out;
    };
    torch::Tensor target = fp32Outputs(lossInfo); // f_a(W x + b) of the FP32 model (or W x + b)

    const torch::Tensor scaled = task.weight / g.scale;
    const torch::Tensor floorW = torch::floor(scaled);
    // In [0, 1): a tiny negative W/s can give 1.0f in float (its floor is -1).
    const torch::Tensor rest = (scaled - floorW).clamp_max(std::nextafter(1.0f, 0.0f));
    const torch::Tensor nearestUp = torch::round(scaled) - floorW; // RTN's choice, 0 or 1
    auto dequantize = [&](const torch::Tensor& up) {
        return g.scale * (torch::clamp(floorW + up + g.zeroPoint, 0.0, g.qmax()) - g.zeroPoint);
    };

    const AnnealingSchedule schedule = AnnealingSchedule::from(config);
    const Relaxation relaxation = config.relaxation;
    // Only the rectified sigmoid has the regulariser; `none` is it with lambda = 0.
    const bool withRegulariser = relaxation == Relaxation::RectifiedSigmoid && config.lambda > 0;
    auto temperature = [&](int it) { return annealedTemperature(schedule.progress(it)); };
    const uint64_t seed = layerSeed(config.seed, task.index);
    LayerResult result;
    int done = 0;
    torch::Tensor v; // the learned V, whichever path ran
    const std::vector<int64_t> sampled = trajectoryIndices(task.weight.numel(), config, task.index);
    const torch::Tensor sampledAt = torch::tensor(sampled, torch::kLong);
    // A histogram of h(V), then the sampled weights' h(V) at the same iteration.
    auto snapshot = [&](int iteration, const torch::Tensor& hv) {
        observer.onEvent(HistogramSnapshot{task.index, iteration, histogramOf(hv, config.histogramBins), settledShare(hv)});
        if (sampled.empty())
            return;
        const torch::Tensor picked = hv.detach().reshape({-1}).index_select(0, sampledAt).to(torch::kFloat32).contiguous();
        observer.onEvent(WeightSample{task.index, iteration, sampled,
                                      std::vector<float>(picked.data_ptr<float>(), picked.data_ptr<float>() + picked.numel())});
    };
    auto report = [&](int iteration, const torch::Tensor& hv, double rec, double roundLoss, double beta) {
        if (iteration % config.statsInterval == 0 || iteration == config.iterations)
            observer.onEvent(IterationStats{task.index, iteration, rec, roundLoss, beta, rec + roundLoss});
        if (iteration % config.histogramInterval == 0 || iteration == config.iterations)
            snapshot(iteration, hv);
    };
    auto reportsAt = [&](int iteration) {
        return iteration % config.statsInterval == 0 || iteration % config.histogramInterval == 0 ||
               iteration == config.iterations;
    };

    // auto: per layer, from the cost model (the same choice on every machine).
    const Objective objective = chooseObjective(lossInfo, layerWork(info, input.sizes().vec()), config);
    // Every relaxation has a fused loop (rounding_state.cpp); the fused data
    // side falls back to autograd only for input layouts it does not support.
    std::unique_ptr<RecGradient> fused;
    if (config.fusedKernels)
        fused = objective == Objective::Exact
                    ? makeExactGradient(lossInfo, task.inputFp, input, task.weight)
                    : makePaperGradient(lossInfo, input, target, task.bias, batch, seed, config.im2colConvs);
    const auto loopStart = std::chrono::steady_clock::now();
    if (fused) {
        // Fused path: explicit gradients, one pass over the weights per step.
        RoundingState state(task.weight, g, config.learningRate, relaxation);
        {
            snapshot(0, state.h());
        }
        for (int it = 0; it < config.iterations; ++it) {
            if (!control.checkpoint()) {
                result.cancelled = true;
                break;
            }
            const double beta = schedule.beta(it);
            const bool regularised = schedule.regularised(it) && withRegulariser;
            const torch::Tensor& soft = state.softWeight(regularised, beta, config.lambda, temperature(it));
            double rec = 0;
            const torch::Tensor grad = fused->gradient(soft, &rec);
            const double roundLoss = regularised && reportsAt(it + 1) ? state.roundingLoss(beta, config.lambda) : 0.0;
            state.step(grad);
            done = it + 1;
            if (reportsAt(done))
                report(done, state.h(), rec, roundLoss, beta);
        }
        v = state.v();
    } else {
        // Reference path: LibTorch autograd and torch::optim::Adam.
        const torch::Tensor restIn = rest.clamp(1e-6, 1.0 - 1e-6);
        v = relaxation == Relaxation::SigmoidTemperature ? torch::log(restIn / (1.0 - restIn))
                                                         : -torch::log((kZeta - kGamma) / (restIn - kGamma) - 1.0);
        v = v.detach().clone().set_requires_grad(true);
        torch::optim::Adam adam({v}, torch::optim::AdamOptions(config.learningRate));
        const std::unique_ptr<Reconstruction> reconstruction =
            objective == Objective::Exact
                ? makeExactReconstruction(lossInfo, task.inputFp, input, task.weight)
                : makePaperReconstruction(lossInfo, input, target, task.bias, batch, seed);
        {
            torch::NoGradGuard noGrad;
            snapshot(0, relaxedH(v, relaxation, temperature(0)));
        }
        for (int it = 0; it < config.iterations; ++it) {
            if (!control.checkpoint()) {
                result.cancelled = true;
                break;
            }
            const torch::Tensor h = relaxedH(v, relaxation, temperature(it));
            const torch::Tensor rec = reconstruction->loss(dequantize(h));
            const double beta = schedule.beta(it);
            torch::Tensor loss = rec, roundLoss;
            if (schedule.regularised(it) && withRegulariser) {
                roundLoss = config.lambda * (1.0 - (2.0 * h - 1.0).abs().pow(beta)).sum();
                loss = rec + roundLoss;
            }
            adam.zero_grad();
            loss.backward();
            adam.step();
            done = it + 1;
            if (reportsAt(done)) {
                torch::NoGradGuard noGrad;
                report(done, relaxedH(v, relaxation, temperature(it)), rec.item<double>(),
                       roundLoss.defined() ? roundLoss.item<double>() : 0.0, beta);
            }
        }
    }
    const double loopSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - loopStart).count() -
                               (control.pausedSeconds() - pausedBefore); // pauses only happen in the loop
    torch::NoGradGuard noGrad;
    // The h of the last step (the temperature at its end); rounded up where h >= 0.5.
    const torch::Tensor h = relaxedH(v, relaxation, temperature(std::max(0, done - 1))).detach();
    // The reported errors are always the paper's measure, f_a outputs on x^, so
    // the variants compare on one scale (and keep-RTN decides on it).
    if (config.reconTarget == ReconTarget::Pre) {
        fused.reset(); // it holds the pre-activation target
        target = torch::Tensor();
        target = fp32Outputs(info);
    }
    const torch::Tensor up = (h >= 0.5).to(torch::kFloat32);
    const torch::Tensor rtnWeight = dequantize(nearestUp);
    const torch::Tensor hardWeight = dequantize(up);
    LayerFinished& s = result.summary;
    s.layer = task.index;
    s.name = info.name;
    s.bits = g.bits;
    s.objective = objective;
    s.recMseRtn = outputMse(info, task.inputQ, target, rtnWeight, task.bias);
    s.recMseSoft = outputMse(info, task.inputQ, target, dequantize(h), task.bias);
    s.recMseHard = outputMse(info, task.inputQ, target, hardWeight, task.bias);
    s.flippedShare = (up != nearestUp).to(torch::kFloat64).mean().item<double>();
    s.settledShare = settledShare(h);
    s.keptRtn = result.cancelled || s.recMseHard > s.recMseRtn;
    const torch::Tensor chosenUp = s.keptRtn ? nearestUp : up;
    result.weight = dequantize(chosenUp);
    result.codes = torch::clamp(floorW + chosenUp + g.zeroPoint, 0.0, g.qmax()).to(torch::kUInt8);
    result.roundedUp = chosenUp.to(torch::kUInt8);
    result.fraction = rest;
    s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() -
                (control.pausedSeconds() - pausedBefore);
    s.iterationsPerSecond = loopSeconds > 0 ? done / loopSeconds : 0;
    return result;
}

} // namespace adaround
