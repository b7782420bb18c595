#pragma once
// Per-layer sensitivity to weight quantization, as AIMET's QuantAnalyzer's
// per-layer analysis: for every quantizable layer and bit-width B,
//   - that layer alone rounded to nearest at B (the others in FP32), and
//   - the converse: every layer at B but that one, kept in float,
// each scored on the same evaluation images by top-1 and by the mean squared
// error of the model's logits against the FP32 model's. Weights only: the
// activations stay in float (act_bits is not applied here).
//
// Fast by construction: the images are advanced through the network one
// segment at a time (SegmentedForward), so the prefix before a layer, which
// the layer's own quantization cannot change, is computed once per view and
// only the rest of the network runs per (layer, bits). Images go in blocks of
// 256, so memory holds one block's activations whatever the subset's size.
#include "adaround/accuracy_figures.h"
#include "adaround/adaround_config.h"
#include "adaround/class_list.h"
#include "adaround/layer_info.h"
#include "adaround/preprocess.h"
#include "adaround/progress.h"
#include "adaround/quantizer.h"
#include "adaround/run_control.h"
#include "adaround/skipped_file.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace adaround {

struct SensitivityRequest {
    std::string modelPath;
    std::string evalDir;
    std::vector<std::string> classNames; // as RtnRequest: empty = the folder's subfolders
    std::string classesOrigin;
    std::string preprocessName = "auto";
    PreprocessOverrides preprocessOverrides;
    QuantSpec quant;                     // granularity and symmetry (bits ignored)
    std::vector<int> bitWidths{2, 4, 8}; // each in 2..8
    int evalSubset = 1000;               // images sampled from the folder (0 = all of them)
    uint64_t seed = 0;                   // the subset is the run's curve subset (seed + 1)
    // Optional: each layer alone also optimised by AdaRound (short: its
    // iterations, e.g. 200-1000) on calibDir's calibSize images sampled as
    // the run samples them, with its knobs (lambda, beta, batch, lr, objective).
    bool withAdaRound = false;
    AdaRoundConfig adaround;
};

// The sensitivity job of a run's configuration (model, eval folder, classes,
// preprocessing, grid, eval subset, seed, and AdaRound's knobs) at BITS.
SensitivityRequest sensitivityRequestFor(const AdaRoundConfig& config, std::vector<int> bits);

struct LayerSensitivity {
    double top1 = 0;               // this layer alone at B, the others FP32 (percent)
    double drop = 0;               // FP32 top-1 minus top1 (points; may be slightly < 0: noise)
    double mse = 0;                // logits' MSE against FP32, per element
    double othersQuantizedTop1 = 0; // every other layer at B, this one in float
    double othersQuantizedMse = 0;
    double adaroundTop1 = 0, adaroundDrop = 0, adaroundMse = 0; // this layer alone by AdaRound (withAdaRound)
};

struct SensitivityLayer {
    LayerInfo layer;
    int64_t weights = 0;                    // weight elements: what bits apply to
    std::map<int, LayerSensitivity> bits;   // by bit-width
};

struct SensitivityReport {
    std::string modelPath;
    Preprocess preprocess;
    int64_t evalImages = 0;              // images scored (the subset)
    int64_t folderImages = 0;            // images in the folder
    ClassMapping classes;
    std::vector<SkippedFile> skippedImages;
    int foldedBatchNorms = 0;
    Accuracy fp32;
    std::map<int, Accuracy> allQuantized; // every layer at B
    std::vector<SensitivityLayer> layers; // in model order; those finished when cancelled
    bool withAdaRound = false;           // the adaround* figures were measured
    int64_t calibImages = 0;             // AdaRound's calibration images
    bool cancelled = false;
};

// Loads the model (BatchNorm folded) and the subset once; run() and
// evaluateBits() then reuse them. Constructor throws Error for a bad model,
// folder, preprocessing or bit-width, naming the file or option.
class SensitivityAnalysis {
public:
    explicit SensitivityAnalysis(const SensitivityRequest& request, const ProgressFn& progress = {});
    ~SensitivityAnalysis();

    const std::vector<LayerInfo>& layers() const;

    // The table. PROGRESS gets {"per-layer sensitivity", steps done, steps} (a
    // step: a layer in one view, in one block of images); a cancel
    // through CONTROL stops at the next step and returns the report
    // with cancelled set and no layers (every layer is complete only at the end).
    SensitivityReport run(const ProgressFn& progress = {}, const RunControl& control = {});

    // Top-1/top-5 on the same images with layer i rounded to nearest at BITS[i]
    // (0 = float): a mixed-precision plan, measured.
    Accuracy evaluateBits(const std::vector<int>& bits);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace adaround
