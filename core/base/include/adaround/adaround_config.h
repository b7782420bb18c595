#pragma once
// Every knob of an AdaRound run, with the paper's / reference implementations'
// defaults, and its validation.
#include "adaround/bit_plan.h"
#include "adaround/knob_value.h"
#include "adaround/preprocess.h"
#include "adaround/quant_grid.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace adaround {

enum class BetaSchedule { Linear, Cosine }; // linear as BRECQ, cosine as AIMET
// Minibatch loss, second-moment form (exact without an activation), or per layer
// the cheaper of the two where the second is exact (objective_cost.h).
enum class Objective { Paper, Exact, Auto };
// The paper's design choices (issue 14), defaults first. What the layer's
// reconstruction sees as input: x^ from the partly quantized model (the paper's
// asymmetric reconstruction) or x from the FP32 model.
enum class ReconInput { Quantized, Float };
// What the reconstruction compares: the output after the activation f_a or before it.
enum class ReconTarget { Post, Pre };
// How the rounding is relaxed (rounding_relaxation.h): the rectified sigmoid
// with the annealed regulariser; a plain sigmoid sharpened by an annealed
// temperature, no regulariser; the straight-through estimator (hard rounding
// forward, the soft h's gradient back), no regulariser; the rectified sigmoid
// with lambda = 0. All but the first are rounded at h >= 0.5 at the end.
enum class Relaxation { RectifiedSigmoid, SigmoidTemperature, Ste, None };

struct AdaRoundConfig {
    // Data
    std::string modelPath;
    std::string calibDir;
    std::string evalDir;
    // The model's classes in output order (--classes FILE, config "classes"):
    // folders are labelled by name against it. Empty: the calibration folder's
    // sorted subfolders, when it holds as many classes as the model has outputs.
    std::vector<std::string> classNames;
    std::string classesOrigin;      // where classNames came from, for messages ("the class list c.txt"); not saved
    std::string preprocessName = "auto";
    PreprocessOverrides preprocessOverrides;
    int calibSize = 1024;
    int evalSubset = 1000;          // images for the per-layer progress curve (0 = skip it)

    // Quantization
    BitPlan bits{4, 8, {}};
    QuantSpec quant;                // granularity and symmetry (bits field unused)
    std::vector<std::string> rtnOnlyLayers; // quantized, but with round-to-nearest
    // Per-layer overrides of perLayer knobs: layer name -> knob key -> value
    // (layer_overrides.h: layerConfig() applies them). Bits stay in bits.overrides.
    std::map<std::string, KnobOverrides> layerOverrides;
    int actBits = 0;                // 0 = float activations; else per-tensor MSE-calibrated

    // Optimisation
    int iterations = 10000;         // per layer, as the paper and AIMET
    int batchSize = 32;
    double learningRate = 1e-3;
    double lambda = 0.01;           // rounding-loss weight; rec is summed over channels (AIMET/BRECQ)
    double betaStart = 20.0;
    double betaEnd = 2.0;
    double warmup = 0.2;            // fraction of iterations without the rounding loss
    BetaSchedule schedule = BetaSchedule::Linear;
    Objective objective = Objective::Paper;
    ReconInput reconInput = ReconInput::Quantized;
    ReconTarget reconTarget = ReconTarget::Post;
    Relaxation relaxation = Relaxation::RectifiedSigmoid;
    uint64_t seed = 0;
    int threads = 0;                // 0 = all cores
    bool fusedKernels = true;       // false: plain LibTorch autograd (slower; kept to validate the fused path)
    bool im2colConvs = false;       // convs by im2col + GEMM instead of convolution kernels (see docs/performance.md)

    // Observation
    int statsInterval = 50;         // iterations between iteration-statistics events
    int histogramInterval = 200;    // iterations between h(V) histogram snapshots
    int histogramBins = 50;
    int trajectorySamples = 256;    // weights per optimised layer whose h(V) is sent with each histogram (0 = off)
    size_t memoryBudget = size_t(4) << 30; // checked against the run's MemoryPlan before loading

    // Throws Error naming the first invalid setting.
    void validate() const;
};

std::string toString(BetaSchedule s);
std::string toString(Objective o);
BetaSchedule parseSchedule(const std::string& s); // throws Error
Objective parseObjective(const std::string& s);   // throws Error
const std::vector<std::string>& objectiveNames();  // "paper", "exact", "auto": the knob's choices
// The knobs' choices in enum order: "quantized", "float"; "post", "pre";
// "rectified-sigmoid", "sigmoid-temperature", "ste", "none".
const std::vector<std::string>& reconInputNames();
const std::vector<std::string>& reconTargetNames();
const std::vector<std::string>& relaxationNames();
std::string toString(ReconInput v);
std::string toString(ReconTarget v);
std::string toString(Relaxation v);
ReconInput parseReconInput(const std::string& s);   // throws Error
ReconTarget parseReconTarget(const std::string& s); // throws Error
Relaxation parseRelaxation(const std::string& s);   // throws Error

// The annealing schedule: beta at an iteration, and whether the rounding
// regulariser is active (after the warm-up).
struct AnnealingSchedule {
    int iterations = 1;
    double warmup = 0.2, betaStart = 20, betaEnd = 2;
    BetaSchedule shape = BetaSchedule::Linear;

    static AnnealingSchedule from(const AdaRoundConfig& c)
    {
        return {c.iterations, c.warmup, c.betaStart, c.betaEnd, c.schedule};
    }
    bool regularised(int iteration) const;
    double beta(int iteration) const;
    // How far the decay has gone: 0 up to the warm-up's end, 1 at the last
    // iteration, linear or cosine in between (beta runs from start to end along it).
    double progress(int iteration) const;
};

} // namespace adaround
