#include "adaround/stochastic_study.h"

#include "adaround/accuracy.h"
#include "adaround/error.h"
#include "adaround/image_folder.h"
#include "adaround/image_set.h"
#include "adaround/model.h"
#include "adaround/rtn_comparison.h"
#include "adaround/runtime.h"
#include "adaround/sampler.h"
#include "cancel_p.h"
#include "guard_p.h"
#include "image_probe_p.h"
#include "study_layer_p.h"

#include <chrono>

namespace adaround {
namespace {

torch::Tensor imagesOf(const ImageSet& set)
{
    return torch::from_blob(const_cast<float*>(set.images.values.data()), set.images.shape, torch::kFloat32);
}

// The layer by name, or an error listing the names there are.
int findStudyLayer(const Model& model, const std::string& name)
{
    const int i = model.findLayer(name);
    if (i >= 0)
        return i;
    std::string names;
    for (const LayerInfo& l : model.layers())
        names += (names.empty() ? "" : ", ") + l.name;
    throw Error(model.path() + ": no layer named '" + name + "'; its layers are " + names +
                " (adaround-cli inspect lists them with their shapes)");
}

void checkRequest(const StudyRequest& r)
{
    r.config.validate();
    if (r.layer.empty())
        throw Error("the study needs a layer (--layer NAME)");
    if (r.bits < 2 || r.bits > 8)
        throw Error("invalid setting: bits for the studied layer must be between 2 and 8, got " +
                    std::to_string(r.bits));
    if (r.samples < 1 || r.samples > kMaxStudySamples)
        throw Error("invalid setting: samples must be between 1 and " + std::to_string(kMaxStudySamples) + ", got " +
                    std::to_string(r.samples));
}

// Bytes the study holds per image at the layer's cut (calibration and
// evaluation images alike) and per calibration image for the layer's FP32
// output, measured on one probe image; refused before loading when over budget.
void checkStudyMemory(SegmentedForward& segments, ModelImpl& fp, int layer, const torch::Tensor& probe,
                      int64_t calibImages, int64_t evalImages, size_t budget)
{
    torch::NoGradGuard noGrad;
    const torch::Tensor one = probe.narrow(0, 0, 1).clone();
    const auto single = segments.start(one);
    const auto pair = segments.start(torch::cat({one, one}, 0));
    const int64_t state = int64_t(stateBytes(pair)) - int64_t(stateBytes(single));
    const torch::Tensor x = segments.layerInput(0, single);
    const int64_t target = int64_t(layerForward(fp.layers.at(size_t(layer)), x, fp.weight(layer), fp.bias(layer)).nbytes());
    const int64_t image = int64_t(one.nbytes());
    const int64_t total = (state + target + image) * calibImages + (state + image) * evalImages;
    if (budget == 0 || total <= int64_t(budget))
        return;
    throw Error("the study holds about " + std::to_string(total >> 20) + " MiB (" + std::to_string(calibImages) +
                " calibration and " + std::to_string(evalImages) + " evaluation images at layer " +
                fp.layers.at(size_t(layer)).name + "), over the " + std::to_string(budget >> 20) +
                " MiB memory budget; use --eval-subset K, a smaller --calib-size, or a larger --memory-budget");
}

// Forwards the optimiser's iterations as progress (the rest of its events are a run's).
class OptimiserProgress : public RunObserver {
public:
    OptimiserProgress(StudyObserver& next, std::string layer, int iterations)
        : next_(next), layer_(std::move(layer)), iterations_(iterations)
    {
    }
    void onEvent(const RunEvent& event) override
    {
        if (const auto* s = std::get_if<IterationStats>(&event))
            next_.onEvent(PhaseProgress{RunPhase::Optimising, "AdaRound on " + layer_, s->iteration, iterations_});
    }

private:
    StudyObserver& next_;
    std::string layer_;
    int iterations_;
};

void execute(const StudyRequest& request, StudyObserver& observer, const RunControl& control)
{
    const auto started = std::chrono::steady_clock::now();
    const double pausedBefore = control.pausedSeconds();
    checkRequest(request);
    const AdaRoundConfig& c = request.config;
    setThreads(c.threads);
    auto phase = [&observer, &control](RunPhase p) -> ProgressFn {
        return [&observer, &control, p](const Progress& at) {
            throwIfCancelled(control);
            observer.onEvent(PhaseProgress{p, at.stage, at.done, at.total});
        };
    };

    // Model, folders and images as a run reads them (adaround_run.cpp).
    std::unique_ptr<Model> fp = Model::load(c.modelPath);
    const int layer = findStudyLayer(*fp, request.layer);
    const Preprocess pre = choosePreprocess(c.preprocessName, *fp, c.preprocessOverrides);
    const ClassList list{c.classNames, c.classesOrigin.empty() ? "the class list" : c.classesOrigin};
    const ImageFolder calibFolder = ImageFolder::scan(c.calibDir, list);
    const size_t calibCount = std::min(calibFolder.samples().size(), size_t(c.calibSize));
    const ImageFolder calibPart = calibFolder.subset(sampleIndices(calibFolder.samples().size(), calibCount, c.seed));
    const ImageSet calibProbe = probeImage(calibPart, pre);
    checkInputFits(*fp, calibProbe);
    const ClassList evalList =
        list.names.empty() ? ClassList{calibFolder.classes(), "the calibration folder " + c.calibDir} : list;
    const ImageFolder evalFolder = ImageFolder::scan(c.evalDir, evalList);
    checkInputFits(*fp, probeImage(evalFolder, pre));
    const size_t evalFiles = evalFolder.samples().size();
    // The subset a run's progress curve uses (seed + 1), or the whole folder.
    const ImageFolder evalPart = c.evalSubset > 0 && size_t(c.evalSubset) < evalFiles
                                     ? evalFolder.subset(sampleIndices(evalFiles, size_t(c.evalSubset), c.seed + 1))
                                     : evalFolder;

    fp->foldBatchNorm();
    SegmentedForward segments(fp->impl(), {layer});
    checkStudyMemory(segments, fp->impl(), layer, imagesOf(calibProbe), int64_t(calibCount),
                     int64_t(evalPart.samples().size()), c.memoryBudget);
    ImageSet calib = loadImages(calibPart, pre, phase(RunPhase::Loading), 0);
    ImageSet eval = loadImages(evalPart, pre, phase(RunPhase::Loading), 0);

    StudyStarted start;
    start.config = c;
    start.settings = {request.layer, request.bits, request.samples, c.seed, request.withAdaRound};
    start.layerIndex = layer;
    start.layer = fp->layers()[size_t(layer)];
    start.calibImages = int64_t(calib.size());
    start.evalImages = int64_t(eval.size());
    start.preprocess = pre.describe();
    observer.onEvent(start);

    StudyLayer bench(fp->impl(), layer, segments, request.bits, c.quant);
    bench.captureCalibration(imagesOf(calib), phase(RunPhase::Capturing));
    calib.images.values = {};
    bench.prepareEvaluation(imagesOf(eval), eval.labels, phase(RunPhase::Evaluating));
    eval.images.values = {};

    StudyBaseline baseline;
    baseline.fp32Top1 = bench.fp32Top1();
    baseline.rtn = bench.measure(bench.nearestUp());
    observer.onEvent(baseline);

    // The roundings, then the statistics from exactly what was sent.
    const ProgressFn sampling = phase(RunPhase::Evaluating);
    std::vector<StudySample> samples;
    for (int i = 0; i < request.samples; ++i) {
        sampling({"stochastic roundings", i, request.samples});
        StudySample s;
        s.index = i;
        s.seed = c.seed + uint64_t(i);
        s.point = bench.measure(bench.stochasticUp(s.seed));
        samples.push_back(s);
        observer.onEvent(s);
    }
    sampling({"stochastic roundings", request.samples, request.samples});

    if (request.withAdaRound) {
        OptimiserProgress progress(observer, request.layer, c.iterations);
        const StudyAdaRound a = bench.adaround(c, progress, control);
        throwIfCancelled(control);
        observer.onEvent(a);
    }
    StudyFinished finished;
    finished.statistics = studyStatistics(baseline.rtn, samples);
    finished.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() -
                       (control.pausedSeconds() - pausedBefore);
    observer.onEvent(finished);
}

} // namespace

StudyRecord runStochasticStudy(const StudyRequest& request, StudyObserver& observer, const RunControl& control)
{
    StudyRecorder recorder;
    StudyObserverList all;
    all.add(recorder).add(observer);
    try {
        guarded("stochastic-rounding study", [&] { execute(request, all, control); });
    } catch (const RunCancelledSignal&) {
        all.onEvent(StudyCancelled{int(recorder.record().samples.size())});
    } catch (const Error& e) {
        all.onEvent(StudyFailed{e.what()});
    }
    return recorder.take();
}

} // namespace adaround
