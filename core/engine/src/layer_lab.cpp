#include "adaround/layer_lab.h"

#include "adaround/error.h"
#include "adaround/bit_plan.h"
#include "adaround/layer_overrides.h"
#include "adaround/runtime.h"
#include "activation_quant_p.h"
#include "cancel_p.h"
#include "cut_states_p.h"
#include "guard_p.h"
#include "layer_optimizer_p.h"
#include "logit_scores_p.h"
#include "model_impl_p.h"
#include "run_inputs_p.h"

#include <chrono>
#include <optional>

namespace adaround {
namespace {

constexpr int64_t kActCalibImages = 256; // as a run (adaround_run.cpp)
constexpr int64_t kEvalBatch = 256;      // a run's evaluation batch: the same logits

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t)
{
    return std::chrono::duration<double>(Clock::now() - t).count();
}

// A stored run's rounding of a layer as dequantized weights: s * (codes - z),
// the values the run put into its quantized model.
torch::Tensor loggedWeight(const QuantizedLayer& q, const torch::Tensor& weight)
{
    if (q.shape != weight.sizes().vec() || q.codes.size() != size_t(weight.numel()))
        throw Error("the stored run's layer " + q.name + " does not have this model's weight shape: is it a run "
                    "of another model?");
    const TensorGrid grid = toTensorGrid(q.grid, weight);
    const torch::Tensor codes =
        torch::from_blob(const_cast<uint8_t*>(q.codes.data()), weight.sizes(), torch::kUInt8).to(torch::kFloat32);
    return grid.scale * (codes - grid.zeroPoint);
}

QuantizedLayer describeRounding(const LayerResult& r, const TensorGrid& grid, int layer, const std::string& name)
{
    QuantizedLayer q;
    q.layer = layer;
    q.name = name;
    q.grid = toQuantGrid(grid);
    q.shape = r.codes.sizes().vec();
    const torch::Tensor codes = r.codes.contiguous();
    q.codes.assign(codes.data_ptr<uint8_t>(), codes.data_ptr<uint8_t>() + codes.numel());
    const torch::Tensor up = r.roundedUp.contiguous();
    q.roundedUp.assign(up.data_ptr<uint8_t>(), up.data_ptr<uint8_t>() + up.numel());
    const torch::Tensor f = r.fraction.to(torch::kFloat32).contiguous();
    q.fraction.assign(f.data_ptr<float>(), f.data_ptr<float>() + f.numel());
    return q;
}

// Keeps an attempt's curves and passes every event on.
class AttemptRecorder : public RunObserver {
public:
    AttemptRecorder(LabAttempt& attempt, RunObserver& next) : attempt_(attempt), next_(next) {}
    void onEvent(const RunEvent& event) override
    {
        if (const auto* s = std::get_if<IterationStats>(&event))
            attempt_.stats.push_back(*s);
        else if (const auto* h = std::get_if<HistogramSnapshot>(&event))
            attempt_.histograms.push_back(*h);
        next_.onEvent(event);
    }

private:
    LabAttempt& attempt_;
    RunObserver& next_;
};

} // namespace

const std::vector<std::string>& labContextNames()
{
    static const std::vector<std::string> names{"fp32", "rtn", "run"};
    return names;
}

std::string toString(LabContext context)
{
    return labContextNames().at(size_t(context));
}

struct LayerLab::Impl {
    LabRequest request;
    LabSetup setup;
    std::unique_ptr<Model> fp, context;
    std::unique_ptr<SegmentedForward> contextSegments;
    torch::Tensor weight, bias;     // the layer's FP32 weight (BatchNorm folded) and bias
    torch::Tensor inputFp, inputQ;  // x and x^ on the calibration images
    std::optional<CutStates> eval;  // the evaluation images at the layer's cut in the context model
    std::vector<int> labels;

    void open(RunObserver& observer, const RunControl& control);
    void placeContextWeights(const std::vector<int>& bits);
    // The context model's accuracy with W as the layer's weight.
    Accuracy accuracyWith(const torch::Tensor& w);
};

void LayerLab::Impl::placeContextWeights(const std::vector<int>& bits)
{
    torch::NoGradGuard noGrad;
    const AdaRoundConfig& c = request.config;
    const auto& layers = fp->layers();
    const int k = setup.layerIndex;
    if (request.context == LabContext::Rtn) {
        for (size_t j = 0; j < layers.size(); ++j) {
            if (bits[j] == 0 || int(j) == k)
                continue;
            QuantSpec spec = c.quant;
            spec.bits = bits[j];
            const torch::Tensor w = fp->impl().weight(int(j)).detach();
            context->impl().weight(int(j)).copy_(quantizeNearest(w, fitTensorGrid(w, spec)));
        }
    } else if (request.context == LabContext::Run) {
        std::vector<bool> placed(layers.size(), false);
        for (const QuantizedLayer& q : request.runWeights) {
            const int j = fp->findLayer(q.name);
            if (j < 0)
                throw Error("the stored run rounds a layer '" + q.name + "' this model does not have: is it a run of "
                            "another model?");
            if (j == k)
                continue;
            context->impl().weight(j).copy_(loggedWeight(q, fp->impl().weight(j).detach()));
            placed[size_t(j)] = true;
        }
        for (int j = 0; j < k; ++j)
            if (bits[size_t(j)] > 0 && !placed[size_t(j)])
                throw Error("the stored run has no rounding of " + layers[size_t(j)].name + ", before " +
                            layers[size_t(k)].name + " (it ended before that layer, or quantized other layers): use "
                            "the rtn or fp32 context, or a completed run");
    }
}

Accuracy LayerLab::Impl::accuracyWith(const torch::Tensor& w)
{
    if (!eval)
        return {};
    torch::NoGradGuard noGrad;
    const int k = setup.layerIndex;
    context->impl().weight(k).copy_(w);
    const Accuracy a = accuracyOf(countHits(eval->outputFromHere(), labels.data(), int64_t(labels.size())));
    context->impl().weight(k).copy_(weight);
    return a;
}

void LayerLab::Impl::open(RunObserver& observer, const RunControl& control)
{
    const auto started = Clock::now();
    const AdaRoundConfig& c = request.config;
    c.validate();
    setThreads(c.threads);
    auto phase = [&observer, &control](RunPhase p) -> ProgressFn {
        return [&observer, &control, p](const Progress& at) {
            throwIfCancelled(control);
            observer.onEvent(PhaseProgress{p, at.stage, at.done, at.total});
        };
    };
    if (request.layer.empty())
        throw Error("the layer lab needs a layer (--layer NAME)");

    RunInputs in = scanRunInputs(c);
    fp = std::move(in.model);
    const int k = findLayerByName(*fp, request.layer);
    const auto& layers = fp->layers();
    checkOverriddenLayersExist(c, layers);
    const std::vector<int> bits = resolveBits(layers, c.bits);
    if (bits[size_t(k)] == 0)
        throw Error("layer " + request.layer + " is left in float by the bit plan: give it bits (--layer-set " +
                    request.layer + ".bits=B)");
    const int64_t calibCount = int64_t(in.calib.samples().size());
    if (calibCount < c.batchSize)
        throw Error(c.calibDir + ": " + std::to_string(calibCount) + " calibration images, fewer than the batch size " +
                    std::to_string(c.batchSize));
    throwIfCancelled(control);

    fp->foldBatchNorm();
    context = fp->clone();
    weight = fp->impl().weight(k).detach().clone();
    bias = fp->impl().bias(k);
    setup.layerIndex = k;
    setup.layer = layers[size_t(k)];
    setup.bits = bits[size_t(k)];
    placeContextWeights(bits);

    contextSegments = std::make_unique<SegmentedForward>(context->impl(), std::vector<int>{k});
    SegmentedForward fpSegments(fp->impl(), {k});
    const std::optional<ImageFolder> evalPart =
        in.eval ? std::optional<ImageFolder>(evalSubsetOf(*in.eval, c.evalSubset, c.seed)) : std::nullopt;
    const int64_t evalCount = evalPart ? int64_t(evalPart->samples().size()) : 0;
    checkHeldAtCut("the layer lab", *contextSegments, fp->impl(), k, imagesOf(in.calibProbe), calibCount, evalCount,
                   c.memoryBudget, request.context == LabContext::Fp32 ? 1 : 2);

    ImageSet calib = loadImages(in.calib, in.pre, phase(RunPhase::Loading), 0);
    if (int64_t(calib.size()) < c.batchSize)
        throw Error(c.calibDir + ": only " + std::to_string(calib.size()) + " readable calibration images, fewer "
                    "than the batch size " + std::to_string(c.batchSize));
    const torch::Tensor images = imagesOf(calib);
    std::vector<ActivationGrid> actGrids;
    if (c.actBits > 0 && request.context != LabContext::Fp32) {
        // As a run: grids from FP32 inputs, so x^ includes the activation error.
        std::vector<int> cuts;
        for (size_t j = 0; j < layers.size(); ++j)
            if (bits[j] > 0)
                cuts.push_back(int(j));
        const torch::Tensor sample = images.narrow(0, 0, std::min<int64_t>(images.size(0), kActCalibImages));
        actGrids = calibrateActivations(fp->impl(), cuts, sample, c.actBits, c.seed);
        context->impl().setInputQuantizers(actGrids);
    }
    {
        torch::NoGradGuard noGrad;
        const std::string stage = "inputs of " + request.layer;
        inputFp = CutStates(fpSegments, images, phase(RunPhase::Capturing), "FP32 model: " + stage).takeLayerInput();
        inputQ = request.context == LabContext::Fp32
                     ? inputFp
                     : CutStates(*contextSegments, images, phase(RunPhase::Capturing), "context model: " + stage)
                           .takeLayerInput();
    }
    setup.calibImages = int64_t(calib.size());
    calib.images.values = {};

    // Round-to-nearest on x^, as a run reports it (rec_mse_rtn).
    {
        torch::NoGradGuard noGrad;
        QuantSpec spec = c.quant;
        spec.bits = setup.bits;
        const torch::Tensor rtnWeight = quantizeNearest(weight, fitTensorGrid(weight, spec));
        const LayerInfo& info = setup.layer;
        std::vector<torch::Tensor> parts;
        for (int64_t s = 0; s < inputFp.size(0); s += 256)
            parts.push_back(layerForward(info, inputFp.narrow(0, s, std::min<int64_t>(256, inputFp.size(0) - s)),
                                         weight, bias));
        setup.recMseRtn = outputMse(info, inputQ, torch::cat(parts, 0), rtnWeight, bias);

        if (evalPart) {
            ImageSet evalSet = loadImages(*evalPart, in.pre, phase(RunPhase::Loading), 0);
            labels = evalSet.labels;
            const torch::Tensor evalImages = imagesOf(evalSet);
            if (request.context == LabContext::Fp32) {
                eval.emplace(*contextSegments, evalImages, phase(RunPhase::Evaluating), "evaluation images", kEvalBatch);
                setup.fp32 = accuracyWith(weight);
            } else {
                CutStates fpEval(fpSegments, evalImages, phase(RunPhase::Evaluating), "FP32 model", kEvalBatch);
                setup.fp32 = accuracyOf(countHits(fpEval.outputFromHere(), labels.data(), int64_t(labels.size())));
                eval.emplace(*contextSegments, evalImages, phase(RunPhase::Evaluating), "evaluation images",
                             kEvalBatch);
            }
            setup.evalImages = int64_t(labels.size());
            setup.context = accuracyWith(weight);
            setup.rtn = accuracyWith(rtnWeight);
        }
    }

    RunStarted& s = setup.started;
    s.config = c;
    s.layers = layers;
    s.bits = bits;
    if (request.context == LabContext::Fp32)
        for (size_t j = 0; j < s.bits.size(); ++j)
            s.bits[j] = int(j) == k ? s.bits[j] : 0;
    s.adaround.assign(layers.size(), false);
    s.adaround[size_t(k)] = true;
    s.calibImages = setup.calibImages;
    s.evalImages = setup.evalImages;
    s.preprocess = in.pre.describe();
    s.calibFiles = calib.files;
    s.activationGrids = actGrids;
    s.skippedCalib = calib.skipped;
    s.floatLayers = fp->floatLayers();
    s.classes.names = in.calibFolder.classes();
    s.classes.calibClasses = in.calibFolder.presentClasses();
    if (in.eval)
        s.classes.evalClasses = in.eval->presentClasses();
    setup.captureSeconds = secondsSince(started);
}

LayerLab::LayerLab(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}

LayerLab::~LayerLab() = default;

const LabSetup& LayerLab::setup() const
{
    return d->setup;
}

std::unique_ptr<LayerLab> LayerLab::open(const LabRequest& request, RunObserver& progress, const RunControl& control,
                                         std::string* error)
{
    auto impl = std::make_unique<Impl>();
    impl->request = request;
    try {
        guarded("layer lab", [&] { impl->open(progress, control); });
    } catch (const RunCancelledSignal&) {
        *error = "";
        return nullptr;
    } catch (const Error& e) {
        *error = e.what();
        return nullptr;
    }
    return std::unique_ptr<LayerLab>(new LayerLab(std::move(impl)));
}

LabAttempt LayerLab::attempt(const AdaRoundConfig& knobs, RunObserver& observer, const RunControl& control)
{
    LabAttempt a;
    a.knobs = knobs;
    const auto started = Clock::now();
    try {
        guarded("layer lab attempt", [&] {
            const LabSetup& s = d->setup;
            knobs.validate();
            setThreads(knobs.threads);
            const int bits = resolveBits(s.started.layers, knobs.bits).at(size_t(s.layerIndex));
            if (bits == 0)
                throw Error("this attempt leaves " + s.layer.name + " in float: give it bits");
            const AdaRoundConfig lc = layerConfig(knobs, s.layer.name);
            if (lc.batchSize > s.calibImages)
                throw Error("the batch size " + std::to_string(lc.batchSize) + " is above the lab's " +
                            std::to_string(s.calibImages) + " calibration images");
            QuantSpec spec = knobs.quant;
            spec.bits = bits;
            LayerTask task;
            task.index = s.layerIndex;
            task.info = &s.layer;
            task.weight = d->weight;
            task.bias = d->bias;
            task.grid = fitTensorGrid(d->weight, spec);
            task.inputFp = d->inputFp;
            task.inputQ = d->inputQ;
            AttemptRecorder recorder(a, observer);
            const LayerResult r = optimiseLayer(task, lc, recorder, control);
            a.cancelled = r.cancelled;
            a.summary = r.summary;
            a.weights = describeRounding(r, task.grid, s.layerIndex, s.layer.name);
            if (!r.cancelled)
                a.accuracy = d->accuracyWith(r.weight);
        });
    } catch (const RunCancelledSignal&) {
        a.cancelled = true;
    } catch (const Error& e) {
        a.error = e.what();
    }
    a.seconds = secondsSince(started);
    return a;
}

} // namespace adaround
