#include "adaround/adaround_run.h"

#include "adaround/accuracy.h"
#include "adaround/error.h"
#include "adaround/image_folder.h"
#include "adaround/image_set.h"
#include "adaround/model.h"
#include "adaround/overloaded.h"
#include "adaround/rtn_comparison.h"
#include "adaround/runtime.h"
#include "adaround/sampler.h"
#include "activation_quant_p.h"
#include "cancel_p.h"
#include "guard_p.h"
#include "layer_capture_p.h"
#include "layer_optimizer_p.h"
#include "model_impl_p.h"

#include <algorithm>
#include <chrono>

namespace adaround {
namespace {

constexpr int64_t kActCalibImages = 256; // enough for a per-tensor range; bounded memory on big models
constexpr int kEvalBatch = 256;          // evaluate()'s default batch: the final figures stay as they were

torch::Tensor imagesOf(const ImageSet& set)
{
    return torch::from_blob(const_cast<float*>(set.images.values.data()), set.images.shape, torch::kFloat32);
}

ImageSet subsetOf(const ImageSet& set, const std::vector<size_t>& indices)
{
    ImageSet out;
    out.root = set.root;
    out.classes = set.classes;
    out.presentClasses = set.presentClasses;
    out.classOrigin = set.classOrigin;
    const auto& s = set.images.shape;
    const size_t per = size_t(s[1] * s[2] * s[3]);
    out.images.shape = {int64_t(indices.size()), s[1], s[2], s[3]};
    out.images.values.reserve(indices.size() * per);
    for (size_t i : indices) {
        out.images.values.insert(out.images.values.end(), set.images.values.begin() + long(i * per),
                                 set.images.values.begin() + long((i + 1) * per));
        out.labels.push_back(set.labels[i]);
        out.files.push_back(set.files[i]);
    }
    return out;
}

// Forwards every event to the caller's observer and keeps what the result needs.
class Recorder : public RunObserver {
public:
    Recorder(RunObserver& next, RunResult& result) : next_(next), result_(result) {}
    void onEvent(const RunEvent& event) override
    {
        RunResult& r = result_;
        std::visit(overloaded{[&](const RunStarted& e) { r.started = e; },
                              [&](const QuantizedLayer& e) { r.quantized.push_back(e); },
                              [&](const LayerFinished& e) { r.layers.push_back(e); },
                              [&](const AccuracyPoint& e) { r.progress.push_back(e); },
                              [&](const RunFinished& e) {
                                  r.end = RunEnd::Completed;
                                  r.final = e;
                              },
                              [&](const RunCancelled&) { r.end = RunEnd::Cancelled; },
                              [&](const RunFailed& e) {
                                  r.end = RunEnd::Failed;
                                  r.error = e.error;
                              },
                              [](const auto&) {}},
                   event);
        next_.onEvent(event);
    }

private:
    RunObserver& next_;
    RunResult& result_;
};

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
    Recorder recorder(observer, result);
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
    const AdaRoundConfig& c = config;
    c.validate();
    setThreads(c.threads);

    fp = Model::load(c.modelPath);
    const auto& layers = fp->layers();
    const std::vector<int> bits = resolveBits(layers, c.bits);
    std::vector<bool> optimise(layers.size(), true);
    for (const auto& name : c.rtnOnlyLayers) {
        const int i = fp->findLayer(name);
        if (i < 0)
            throw Error("no layer named '" + name + "' in the model (listed as RTN-only)");
        optimise[size_t(i)] = false;
    }
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
    // Cancel is checked between image chunks, capture chunks and evaluation batches.
    const ProgressFn check = cancelCheck(control);
    const ImageSet calib =
        loadImages(calibFolder.subset(sampleIndices(available, calibCount, c.seed)), pre, check, c.memoryBudget);
    if (calib.size() < size_t(c.batchSize))
        throw Error(c.calibDir + ": only " + std::to_string(calib.size()) + " readable calibration images, fewer "
                    "than the batch size " + std::to_string(c.batchSize));
    checkInputFits(*fp, calib); // before the eval images are read: a class mismatch is refused at once
    const ClassList evalList =
        list.names.empty() ? ClassList{calibFolder.classes(), "the calibration folder " + c.calibDir} : list;
    const ImageFolder evalFolder = ImageFolder::scan(c.evalDir, evalList);
    const ImageSet eval = loadImages(evalFolder, pre, check, c.memoryBudget);
    checkInputFits(*fp, eval);
    const ImageSet evalPart =
        c.evalSubset > 0 ? subsetOf(eval, sampleIndices(eval.size(), std::min(eval.size(), size_t(c.evalSubset)),
                                                        c.seed + 1))
                         : ImageSet{};

    fp->foldBatchNorm();
    quantized = fp->clone();
    rtn = fp->clone();
    const torch::Tensor calibImages = imagesOf(calib);
    std::vector<ActivationGrid> actGrids;
    if (c.actBits > 0) {
        // Grids from FP32 inputs on part of the calibration set; the quantized
        // and RTN models then see quantized activations everywhere, so x^ (and
        // the comparison with RTN) includes the activation error.
        std::vector<int> quantizedLayers;
        for (size_t k = 0; k < layers.size(); ++k)
            if (bits[k] > 0)
                quantizedLayers.push_back(int(k));
        const torch::Tensor sample = calibImages.narrow(0, 0, std::min<int64_t>(calibImages.size(0), kActCalibImages));
        actGrids = inContext(c.modelPath + ": calibrating activation quantizers",
                             [&] { return calibrateActivations(fp->impl(), quantizedLayers, sample, c.actBits, c.seed); });
        quantized->impl().setInputQuantizers(actGrids);
        rtn->impl().setInputQuantizers(actGrids);
    }

    RunStarted start;
    start.config = c;
    start.layers = layers;
    start.bits = bits;
    start.adaround = optimise;
    start.calibImages = int64_t(calib.size());
    start.evalImages = int64_t(eval.size());
    start.preprocess = pre.describe();
    start.calibFiles = calib.files;
    start.activationGrids = actGrids;
    start.skippedCalib = calib.skipped;
    start.skippedEval = eval.skipped;
    start.floatLayers = fp->floatLayers();
    start.classes.names = calibFolder.classes();
    start.classes.source = list.names.empty() ? kClassSourceCalibration : kClassSourceList;
    start.classes.calibClasses = calibFolder.presentClasses();
    start.classes.evalClasses = evalFolder.presentClasses();
    observer.onEvent(std::move(start));

    layersDone = 0;
    for (size_t k = 0; k < layers.size(); ++k) {
        if (bits[k] == 0)
            continue;
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
        observer.onEvent(LayerStarted{layer, layers[k].name, bits[k], optimise[k] ? c.iterations : 0});

        LayerResult outcome;
        if (optimise[k]) {
            LayerTask task;
            task.index = layer;
            task.info = &layers[k];
            task.weight = w;
            task.bias = fp->impl().bias(layer);
            task.grid = grid;
            task.inputFp = LayerInputCapture(fp->impl(), layer).runAll(calibImages, c.memoryBudget, check);
            const size_t used = size_t(task.inputFp.numel()) * sizeof(float);
            task.inputQ = LayerInputCapture(q, layer).runAll(calibImages, c.memoryBudget > used ? c.memoryBudget - used : 1, check);
            outcome = optimiseLayer(task, c, observer, control);
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
            outcome.summary.layer = layer;
            outcome.summary.name = layers[k].name;
            outcome.summary.bits = bits[k];
            outcome.summary.optimised = false;
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
        observer.onEvent(std::move(ql));
        observer.onEvent(std::move(outcome.summary));
        ++layersDone;

        if (evalPart.size() > 0)
            // Not cancellable: every finished layer keeps its accuracy point (the
            // subset is small; the cancel takes effect at the next layer).
            observer.onEvent(
                AccuracyPoint{layersDone, evaluate(*rtn, evalPart).top1, evaluate(*quantized, evalPart).top1});
    }

    RunFinished finished;
    finished.fp32 = evaluate(*fp, eval, kEvalBatch, check);
    finished.rtn = evaluate(*rtn, eval, kEvalBatch, check);
    finished.adaround = evaluate(*quantized, eval, kEvalBatch, check);
    finished.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    observer.onEvent(finished);
}

} // namespace adaround
