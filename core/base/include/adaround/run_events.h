#pragma once
// The event stream of a run: small value structs, one event type (a variant of
// them) and one observer interface. The GUI (through one queued signal), the
// CLI and the run-log writer all listen to it; a log reader replays it.
// Listeners pick the events they care about with std::visit and overloaded{}
// (adaround/overloaded.h).
#include "adaround/accuracy_figures.h"
#include "adaround/adaround_config.h"
#include "adaround/class_list.h"
#include "adaround/layer_info.h"
#include "adaround/memory_plan.h"
#include "adaround/quant_grid.h"
#include "adaround/skipped_file.h"

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace adaround {

struct RunStarted {
    AdaRoundConfig config;
    std::vector<LayerInfo> layers;
    std::vector<int> bits;          // per layer, 0 = float
    std::vector<bool> adaround;     // per layer: optimised (true) or RTN only
    int64_t calibImages = 0;
    int64_t evalImages = 0;
    std::string preprocess;
    std::vector<std::string> calibFiles; // the calibration images used, in order
    std::vector<ActivationGrid> activationGrids; // with activation quantization: one per quantized layer
    std::vector<SkippedFile> skippedCalib, skippedEval; // images left out (unreadable, not images, oversized)
    std::vector<FloatLayer> floatLayers; // modules with weights AdaRound does not quantize: they stay in float
    ClassMapping classes;                // the model's classes in output order; which ones each folder held
    MemoryPlan memory;                   // what the run holds, checked against the budget before loading
};

struct LayerStarted {
    int layer = 0;
    std::string name;
    int bits = 0;
    int iterations = 0;
};

struct IterationStats {
    int layer = 0;
    int iteration = 0;      // 1-based, after the step
    double recLoss = 0;     // reconstruction term
    double roundLoss = 0;   // lambda * sum(1 - |2h - 1|^beta); 0 during warm-up
    double beta = 0;
    double total = 0;
};

struct HistogramSnapshot {
    int layer = 0;
    int iteration = 0;                 // 0 = at initialisation
    std::vector<int64_t> counts;       // equal bins on [0, 1]
    double settledShare = 0;           // share of h(V) within 0.01 of 0 or 1
};

struct LayerFinished {
    int layer = 0;
    std::string name;
    int bits = 0;
    double recMseRtn = 0;       // per-element MSE of the layer output vs FP32 on calibration data
    double recMseSoft = 0;
    double recMseHard = 0;
    double flippedShare = 0;    // weights rounded differently from nearest
    double settledShare = 0;    // h(V) within 0.01 of 0 or 1 at the end
    bool keptRtn = false;       // hard rounding was worse than RTN: RTN kept
    bool optimised = true;      // false: RTN only by configuration
    Objective objective = Objective::Paper;
    double seconds = 0;             // the whole layer: targets, optimisation, metrics (pauses excluded)
    double iterationsPerSecond = 0; // of the optimisation loop alone (pauses excluded)
};

// The layer's final rounding: integer weights on its grid (sent just before
// LayerFinished; a log stores it, an export writes it).
struct QuantizedLayer {
    int layer = 0;
    std::string name;
    QuantGrid grid;
    std::vector<int64_t> shape;
    std::vector<uint8_t> codes; // integer weights in [0, 2^b - 1]
    std::vector<uint8_t> roundedUp; // the rounding choice: 1 = up from floor(W/s), 0 = down (codes lose it where clipped)
    // Where the FP32 weight lies between its two grid points: W/s - floor(W/s),
    // in [0, 1), in the order of codes (rounding to nearest goes up from 0.5).
    // Empty in logs written before it was stored.
    std::vector<float> fraction;
};

// h(V) of a seeded sample of at most trajectory_samples weights of an
// optimised layer, chosen at the layer's start: sent right after every
// HistogramSnapshot of the layer (same iterations), so a view can draw the
// chosen weights' h(V) trajectories.
struct WeightSample {
    int layer = 0;
    int iteration = 0;            // as the HistogramSnapshot just sent
    std::vector<int64_t> indices; // flat indices into the weight (order of QuantizedLayer::codes), ascending
    std::vector<float> h;         // h(V) of those weights now, same order
};

struct AccuracyPoint {
    int layersDone = 0;   // layers quantized so far (0: before the first, when the curve starts)
    double rtnTop1 = 0;   // on the eval subset (SubsetBaseline says how many images)
    double adaroundTop1 = 0;
};

// The progress curve's references, measured on the curve's own images before
// the first layer (sent after RunStarted when the run has an eval subset): the
// FP32 model, and the whole plan at round-to-nearest (every planned layer at
// its bits, activation quantizers as in the run): the damage AdaRound has to
// repair. The final evaluation (RunFinished) is on the whole eval folder.
struct SubsetBaseline {
    Accuracy fp32, rtn; // count: the subset's images (those readable)
};

struct RunFinished {
    Accuracy fp32, rtn, adaround;
    double seconds = 0; // the whole run, pauses excluded
    // Evaluation images found unreadable while the final evaluation streamed
    // them (RunStarted knows only the folder's file count): a recorder moves
    // them to its RunStarted's, and its evalImages becomes fp32.count.
    std::vector<SkippedFile> skippedEval;
};

// What the run is doing outside the optimisation loop, for progress, ETA and
// per-phase timing: sent as each unit of work ends (an image chunk, a capture
// segment, an evaluation batch) and once as a layer's optimisation begins.
// Transient: logs do not store it, and loading sends it before RunStarted.
enum class RunPhase { Loading, Capturing, Optimising, Evaluating };
const char* toString(RunPhase phase); // "loading", "capturing", ...

struct PhaseProgress {
    RunPhase phase = RunPhase::Loading;
    std::string detail; // e.g. "calibration images", "inputs of layer1.0.conv1", kFinalEvaluationStage (phase_stages.h)
    int64_t done = 0;   // units of this step done, of total (images, segments, iterations)
    int64_t total = 0;
};

// What the final evaluation found, folded into the run's start: the images
// evaluated and the unreadable ones (see RunFinished::skippedEval).
void noteEvaluated(RunStarted& started, const RunFinished& finished);

struct RunCancelled {
    int layersDone = 0; // layers finished before the cancellation
};

struct RunFailed {
    std::string error;
};

enum class RunEnd { Completed, Cancelled, Failed };

// One event of a run, in the order of a run: RunStarted; with an eval subset,
// SubsetBaseline and the AccuracyPoint at layersDone 0; per layer LayerStarted,
// IterationStats and HistogramSnapshot (each snapshot followed by its
// WeightSample when trajectory_samples > 0), QuantizedLayer, LayerFinished,
// AccuracyPoint; then one of RunFinished, RunCancelled, RunFailed. PhaseProgress
// may come anywhere (before RunStarted while images load).
using RunEvent = std::variant<RunStarted, LayerStarted, IterationStats, HistogramSnapshot, QuantizedLayer,
                              LayerFinished, AccuracyPoint, RunFinished, RunCancelled, RunFailed, PhaseProgress,
                              SubsetBaseline, WeightSample>;

// Listens to a run. An interface rather than a std::function: the listeners
// (log writer, recorder, CLI progress, Qt bridge) are objects with state whose
// lifetime the caller owns; the run and ObserverList hold them by reference.
// onEvent is called on the run's thread, in emission order.
class RunObserver {
public:
    virtual ~RunObserver() = default;
    virtual void onEvent(const RunEvent& event) = 0;
};

// A RunObserver made from a callable taking const RunEvent& (a lambda), for
// listeners without state of their own: CallbackObserver feed([&](const RunEvent& e) { ... });
template <class F>
class CallbackObserver : public RunObserver {
public:
    explicit CallbackObserver(F f) : f_(std::move(f)) {}
    void onEvent(const RunEvent& event) override { f_(event); }

private:
    F f_;
};

} // namespace adaround
