#pragma once
// Every knob of an AdaRound run, with the paper's / reference implementations'
// defaults, and its validation.
#include "adaround/bit_plan.h"
#include "adaround/preprocess.h"
#include "adaround/quant_grid.h"

#include <cstdint>
#include <string>
#include <vector>

namespace adaround {

enum class BetaSchedule { Linear, Cosine }; // linear as BRECQ, cosine as AIMET
// Minibatch loss, second-moment form (exact without an activation), or per layer
// the cheaper of the two where the second is exact (objective_cost.h).
enum class Objective { Paper, Exact, Auto };

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
};

} // namespace adaround
