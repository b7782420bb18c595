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
#include "run_inputs_p.h"
#include "study_layer_p.h"

#include <chrono>

namespace adaround {
namespace {

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
    RunInputs in = scanRunInputs(c);
    if (!in.eval)
        throw Error("the study needs an evaluation folder (--eval DIR)");
    std::unique_ptr<Model>& fp = in.model;
    const int layer = findLayerByName(*fp, request.layer);
    const ImageFolder evalPart = evalSubsetOf(*in.eval, c.evalSubset, c.seed);
    const int64_t calibCount = int64_t(in.calib.samples().size());

    fp->foldBatchNorm();
    SegmentedForward segments(fp->impl(), {layer});
    checkHeldAtCut("the study", segments, fp->impl(), layer, imagesOf(in.calibProbe), calibCount,
                   int64_t(evalPart.samples().size()), c.memoryBudget);
    ImageSet calib = loadImages(in.calib, in.pre, phase(RunPhase::Loading), 0);
    ImageSet eval = loadImages(evalPart, in.pre, phase(RunPhase::Loading), 0);

    StudyStarted start;
    start.config = c;
    start.settings = {request.layer, request.bits, request.samples, c.seed, request.withAdaRound};
    start.layerIndex = layer;
    start.layer = fp->layers()[size_t(layer)];
    start.calibImages = int64_t(calib.size());
    start.evalImages = int64_t(eval.size());
    start.preprocess = in.pre.describe();
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
