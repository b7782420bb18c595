#include "adaround/adaround_run.h"

#include "adaround/accuracy.h"
#include "adaround/error.h"
#include "adaround/image_folder.h"
#include "adaround/image_set.h"
#include "adaround/layer_overrides.h"
#include "adaround/model.h"
#include "adaround/phase_stages.h"
#include "adaround/rtn_comparison.h"
#include "adaround/runtime.h"
#include "adaround/sampler.h"
#include "activation_quant_p.h"
#include "cancel_p.h"
#include "guard_p.h"
#include "image_probe_p.h"
#include "cut_states_p.h"
#include "logit_scores_p.h"
#include "memory_planner_p.h"
#include "layer_optimizer_p.h"
#include "model_impl_p.h"
#include "result_recorder_p.h"
#include "rtn_layer_error_p.h"
#include "run_inputs_p.h"
#include "subset_baseline_p.h"

#include <algorithm>
#include <cmath>
#include <chrono>
#include <limits>
#include <optional>

namespace adaround {
namespace {

constexpr int64_t kActCalibImages = 256; // enough for a per-tensor range; bounded memory on big models
constexpr int kEvalBatch = 256; // the curve's batch: evaluate()'s default, so its points stay as they were

} // namespace

struct AdaRoundRun::Impl {
    AdaRoundConfig config;
    std::unique_ptr<Model> fp, quantized, rtn;
    int layersDone = 0; // for runCancelled when a cancel unwinds from deep inside a step

    void execute(RunObserver& observer, const RunControl& control, RunResult& result);
};

AdaRoundRun::AdaRoundRun(AdaRoundConfig config) : d(std::make_unique<Impl>())
{
    d->config = std::move(config);
}

AdaRoundRun::~AdaRoundRun() = default;

Model* AdaRoundRun::quantizedModel()
{
    return d->quantized.get();
}

RunResult AdaRoundRun::run(RunObserver& observer, const RunControl& control)
{
    RunResult result;
    ResultRecorder recorder(observer, result);
    try {
        guarded("AdaRound run", [&] { d->execute(recorder, control, result); });
    } catch (const RunCancelledSignal&) {
        recorder.onEvent(RunCancelled{d->layersDone});
    } catch (const Error& e) {
        d->quantized.reset();
        recorder.onEvent(RunFailed{e.what()});
    }
    return result;
}

void AdaRoundRun::Impl::execute(RunObserver& observer, const RunControl& control, RunResult& /*result*/)
{
    const auto started = std::chrono::steady_clock::now();
    const double pausedBefore = control.pausedSeconds(); // the run's time excludes its pauses
    const AdaRoundConfig& c = config;
    c.validate();
    setThreads(c.threads);
    // Progress of a phase for the observer; a cancelled run throws from it.
    auto phase = [&observer, &control](RunPhase p) -> ProgressFn {
        return [&observer, &control, p](const Progress& at) {
            throwIfCancelled(control);
            observer.onEvent(PhaseProgress{p, at.stage, at.done, at.total});
        };
    };

    fp = Model::load(c.modelPath);
    throwIfCancelled(control); // a cancel while the model loaded lands before the folders are read
    const auto& layers = fp->layers();
    const std::vector<int> bits = resolveBits(layers, c.bits);
    checkOverriddenLayersExist(c, layers);
    std::vector<bool> optimise(layers.size(), true);
    for (const auto& name : c.rtnOnlyLayers) {
        const int i = fp->findLayer(name);
        if (i < 0)
            throw Error("no layer named '" + name + "' in the model (listed as RTN-only)");
        optimise[size_t(i)] = false;
    }
    std::vector<int> cuts; // the quantized layers, in graph order: the input of each is captured
    for (size_t k = 0; k < layers.size(); ++k)
        if (bits[k] > 0)
            cuts.push_back(int(k));
    const Preprocess pre = choosePreprocess(c.preprocessName, *fp, c.preprocessOverrides);

    // Labels: the class list if given, else the calibration folder's classes
    // (checked below: as many as the model's outputs); folders map by name.
    const ClassList list{c.classNames, c.classesOrigin.empty() ? "the class list" : c.classesOrigin};
    const ImageFolder calibFolder = ImageFolder::scan(c.calibDir, list);
    const size_t available = calibFolder.samples().size();
    if (available < size_t(c.batchSize))
        throw Error(c.calibDir + ": " + std::to_string(available) + " calibration images, fewer than the batch size " +
                    std::to_string(c.batchSize));
    const size_t calibCount = std::min(available, size_t(c.calibSize));
    const ImageFolder calibPart = calibFolder.subset(sampleIndices(available, calibCount, c.seed));
    const ImageSet calibProbe = probeImage(calibPart, pre);
    checkInputFits(*fp, calibProbe); // a class or size mismatch is refused before anything is loaded
    const ClassList evalList =
        list.names.empty() ? ClassList{calibFolder.classes(), "the calibration folder " + c.calibDir} : list;
    const ImageFolder evalFolder = ImageFolder::scan(c.evalDir, evalList);
    checkInputFits(*fp, probeImage(evalFolder, pre));
    throwIfCancelled(control);
    const size_t evalFiles = evalFolder.samples().size();
    const size_t curveCount = c.evalSubset > 0 ? std::min(evalFiles, size_t(c.evalSubset)) : 0;

    fp->foldBatchNorm();
    SegmentedForward fpSegments(fp->impl(), cuts);
    PlanInputs planned;
    planned.calibImages = int64_t(calibCount);
    planned.curveImages = int64_t(curveCount);
    planned.evalBatch = evalBatchFor(int64_t(calibProbe.images.values.size() * sizeof(float)));
    planned.budget = int64_t(c.memoryBudget);
    const MemoryPlan plan = planMemory(fp->impl(), fpSegments, imagesOf(calibProbe), planned);
    if (!plan.fits())
        throw Error(c.modelPath + ": " + plan.refusal());

    ImageSet calib = loadImages(calibPart, pre, phase(RunPhase::Loading), 0);
    if (calib.size() < size_t(c.batchSize))
        throw Error(c.calibDir + ": only " + std::to_string(calib.size()) + " readable calibration images, fewer "
                    "than the batch size " + std::to_string(c.batchSize));
    ImageSet curve = curveCount ? loadImages(evalFolder.subset(sampleIndices(evalFiles, curveCount, c.seed + 1)), pre,
                                             phase(RunPhase::Loading), 0)
                                : ImageSet{};

    quantized = fp->clone();
    rtn = fp->clone();
    std::vector<ActivationGrid> actGrids;
    if (c.actBits > 0) {
        // Grids from FP32 inputs on part of the calibration set; the quantized
        // and RTN models then see quantized activations everywhere, so x^ (and
        // the comparison with RTN) includes the activation error.
        const torch::Tensor all = imagesOf(calib);
        const torch::Tensor sample = all.narrow(0, 0, std::min<int64_t>(all.size(0), kActCalibImages));
        actGrids = inContext(c.modelPath + ": calibrating activation quantizers",
                             [&] { return calibrateActivations(fp->impl(), cuts, sample, c.actBits, c.seed); });
        quantized->impl().setInputQuantizers(actGrids);
        rtn->impl().setInputQuantizers(actGrids);
    }
    SegmentedForward qSegments(quantized->impl(), cuts);
    SegmentedForward rtnSegments(rtn->impl(), cuts);

    RunStarted start;
    start.config = c;
    start.layers = layers;
    start.bits = bits;
    start.adaround = optimise;
    start.calibImages = int64_t(calib.size());
    start.evalImages = int64_t(evalFiles);
    start.preprocess = pre.describe();
    start.calibFiles = calib.files;
    start.activationGrids = actGrids;
    start.skippedCalib = calib.skipped;
    start.floatLayers = fp->floatLayers();
    start.classes.names = calibFolder.classes();
    start.classes.source = list.names.empty() ? kClassSourceCalibration : kClassSourceList;
    start.classes.calibClasses = calibFolder.presentClasses();
    start.classes.evalClasses = evalFolder.presentClasses();
    start.memory = plan;
    observer.onEvent(std::move(start));

    // Every layer's inputs come from advancing the calibration images through
    // the FP32 and the quantized model one segment per layer (one forward pass
    // of each in all); the curve's subset goes through RTN and quantized alike.
    int lastOptimised = -1;
    for (size_t i = 0; i < cuts.size(); ++i)
        if (optimise[size_t(cuts[i])])
            lastOptimised = int(i);
    std::optional<CutStates> fpStates, qStates, rtnCurve, qCurve;
    if (lastOptimised >= 0) {
        const torch::Tensor images = imagesOf(calib);
        fpStates.emplace(fpSegments, images, phase(RunPhase::Capturing), "FP32 model: calibration images");
        qStates.emplace(qSegments, images, phase(RunPhase::Capturing), "quantized model: calibration images");
    }
    calib.images.values = {}; // the states hold what the layers need
    if (curve.size() > 0) {
        // The curve's references on its own images, before any layer: FP32 and
        // the whole plan at round-to-nearest.
        const SubsetBaseline baseline =
            measureSubsetBaseline(*fp, *rtn, bits, c.quant, curve, kEvalBatch, phase(RunPhase::Evaluating));
        observer.onEvent(baseline);
        const torch::Tensor images = imagesOf(curve);
        // In batches of the final evaluation's size: the same logits as evaluating the subset whole.
        rtnCurve.emplace(rtnSegments, images, phase(RunPhase::Evaluating), "RTN model: curve subset", kEvalBatch);
        qCurve.emplace(qSegments, images, phase(RunPhase::Evaluating), "quantized model: curve subset", kEvalBatch);
        curve.images.values = {};
        // The curve's start: no layer quantized. Without activation quantizers
        // that model is the FP32 one just measured; with them, one more pass.
        double start = baseline.fp32.top1;
        if (!actGrids.empty())
            start = accuracyOf(countHits(qCurve->outputFromHere(), curve.labels.data(), int64_t(curve.size()))).top1;
        observer.onEvent(AccuracyPoint{0, start, start});
    }
    // The curve is not cancellable: every finished layer keeps its point.
    const ProgressFn curveProgress = [&observer](const Progress& at) {
        observer.onEvent(PhaseProgress{RunPhase::Evaluating, at.stage, at.done, at.total});
    };

    layersDone = 0;
    for (size_t cut = 0; cut < cuts.size(); ++cut) {
        const size_t k = size_t(cuts[cut]);
        if (!control.checkpoint()) {
            observer.onEvent(RunCancelled{layersDone});
            return;
        }
        const int layer = int(k);
        QuantSpec spec = c.quant;
        spec.bits = bits[k];
        ModelImpl& q = quantized->impl();
        const torch::Tensor w = fp->impl().weight(layer).detach().clone();
        const TensorGrid grid =
            inContext(c.modelPath + ": layer " + layers[k].name, [&] { return fitTensorGrid(w, spec); });
        {
            torch::NoGradGuard noGrad;
            rtn->impl().weight(layer).copy_(quantizeNearest(w, grid));
        }
        const AdaRoundConfig lc = layerConfig(c, layers[k].name); // the run's knobs with this layer's overrides
        observer.onEvent(LayerStarted{layer, layers[k].name, bits[k], optimise[k] ? lc.iterations : 0});

        LayerResult outcome;
        if (optimise[k]) {
            LayerTask task;
            task.index = layer;
            task.info = &layers[k];
            task.weight = w;
            task.bias = fp->impl().bias(layer);
            task.grid = grid;
            task.inputFp = fpStates->takeLayerInput();
            task.inputQ = qStates->takeLayerInput();
            observer.onEvent(PhaseProgress{RunPhase::Optimising, layers[k].name, 0, lc.iterations});
            outcome = optimiseLayer(task, lc, observer, control);
            if (outcome.cancelled) {
                observer.onEvent(RunCancelled{layersDone});
                return;
            }
        } else {
            torch::NoGradGuard noGrad;
            outcome.weight = quantizeNearest(w, grid);
            outcome.codes = torch::clamp(torch::round(w / grid.scale) + grid.zeroPoint, 0.0, grid.qmax())
                                .to(torch::kUInt8);
            outcome.roundedUp = (torch::round(w / grid.scale) > torch::floor(w / grid.scale)).to(torch::kUInt8);
            outcome.fraction = (w / grid.scale - torch::floor(w / grid.scale)).clamp_max(std::nextafter(1.0f, 0.0f));
            outcome.summary.layer = layer;
            outcome.summary.name = layers[k].name;
            outcome.summary.bits = bits[k];
            outcome.summary.optimised = false;
            // Its real output error where the capture passes through it anyway
            // (before the last optimised layer): the inputs cost a copy, not a
            // pass. After that no input is at hand: NaN, shown as unknown.
            double mse = std::numeric_limits<double>::quiet_NaN();
            if (fpStates)
                mse = rtnOutputMse(layers[k], fpStates->takeLayerInput(), qStates->takeLayerInput(), w,
                                   outcome.weight, fp->impl().bias(layer));
            outcome.summary.recMseRtn = outcome.summary.recMseHard = mse; // the hard rounding is RTN's
        }
        {
            torch::NoGradGuard noGrad;
            q.weight(layer).copy_(outcome.weight);
        }
        QuantizedLayer ql;
        ql.layer = layer;
        ql.name = layers[k].name;
        ql.grid = toQuantGrid(grid);
        ql.shape = outcome.codes.sizes().vec();
        torch::Tensor codes = outcome.codes.contiguous();
        ql.codes.assign(codes.data_ptr<uint8_t>(), codes.data_ptr<uint8_t>() + codes.numel());
        torch::Tensor up = outcome.roundedUp.contiguous();
        ql.roundedUp.assign(up.data_ptr<uint8_t>(), up.data_ptr<uint8_t>() + up.numel());
        const torch::Tensor fraction = outcome.fraction.to(torch::kFloat32).contiguous();
        ql.fraction.assign(fraction.data_ptr<float>(), fraction.data_ptr<float>() + fraction.numel());
        observer.onEvent(std::move(ql));
        observer.onEvent(std::move(outcome.summary));
        ++layersDone;

        if (rtnCurve) {
            // Only the rest of the network runs: the subset waits at the cut.
            const std::string stage = "progress curve after " + layers[k].name;
            rtnCurve->advance(curveProgress, stage);
            qCurve->advance(curveProgress, stage);
            const Hits r = countHits(rtnCurve->outputFromHere(), curve.labels.data(), int64_t(curve.size()));
            const Hits a = countHits(qCurve->outputFromHere(), curve.labels.data(), int64_t(curve.size()));
            observer.onEvent(AccuracyPoint{layersDone, accuracyOf(r).top1, accuracyOf(a).top1});
        }
        if (int(cut) < lastOptimised) {
            const std::string stage = "inputs of " + layers[size_t(cuts[cut + 1])].name;
            fpStates->advance(phase(RunPhase::Capturing), "FP32 model: " + stage);
            qStates->advance(phase(RunPhase::Capturing), "quantized model: " + stage);
        } else {
            fpStates.reset(); // no layer left to optimise: free the cached values
            qStates.reset();
        }
    }
    rtnCurve.reset();
    qCurve.reset();

    // One streamed pass: each batch decoded once and scored by all three models.
    StreamOptions streaming;
    streaming.batchSize = int(plan.evalBatch);
    ImageStream stream(evalFolder, pre, streaming);
    const ProgressFn evaluating = phase(RunPhase::Evaluating);
    const StreamedAccuracy acc = evaluateStream({fp.get(), rtn.get(), quantized.get()}, stream, [&](const Progress& p) {
        evaluating({kFinalEvaluationStage, p.done, p.total});
    });
    RunFinished finished;
    finished.fp32 = acc.models[0];
    finished.rtn = acc.models[1];
    finished.adaround = acc.models[2];
    finished.skippedEval = acc.skipped;
    finished.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() -
                       (control.pausedSeconds() - pausedBefore);
    observer.onEvent(finished);
}

} // namespace adaround
