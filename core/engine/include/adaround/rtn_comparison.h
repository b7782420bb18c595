#pragma once
// The round-to-nearest job: FP32 vs RTN accuracy of a model on an image folder.
// Used by the CLI and the workbench alike.
#include "adaround/accuracy.h"
#include "adaround/adaround_config.h"
#include "adaround/bit_plan.h"
#include "adaround/class_list.h"
#include "adaround/layer_info.h"
#include "adaround/preprocess.h"
#include "adaround/progress.h"
#include "adaround/quantizer.h"
#include "adaround/skipped_file.h"

#include <string>
#include <vector>

namespace adaround {

struct RtnRequest {
    std::string modelPath;
    std::string evalDir;
    // The model's classes in output order; empty: the folder must hold them all
    // (as many subfolders as the model has outputs), labelled in sorted order.
    std::vector<std::string> classNames;
    std::string classesOrigin;           // for messages: "the class list classes.txt"
    std::string preprocessName = "auto"; // "auto": from the first layer, see choosePreprocess
    PreprocessOverrides preprocessOverrides;
    BitPlan bits;
    QuantSpec quant;                     // bits field ignored; granularity and symmetry used
    int batchSize = 256;
    size_t memoryBudget = size_t(8) << 30; // for the decoded evaluation batches in flight
};

struct RtnLayerResult {
    LayerInfo layer;
    int bits = 0;                 // 0 = kept in float
    double weightRelError = 0;    // ||W_rtn - W||^2 / ||W||^2
};

struct RtnReport {
    std::string modelPath;
    Preprocess preprocess;
    int64_t evalImages = 0;
    ClassMapping classes;                // the label space and the classes the folder held
    std::vector<SkippedFile> skippedImages;
    int foldedBatchNorms = 0;
    Accuracy fp32, rtn;
    std::vector<RtnLayerResult> layers;
    std::vector<FloatLayer> floatLayers; // not quantized by RTN either
};

// The RTN job of a run's configuration: its model, evaluation folder, classes,
// preprocessing, bit plan, grid and memory budget (the batch size stays 256).
RtnRequest rtnRequestFor(const AdaRoundConfig& config);

// Throws Error with a message naming the file and the problem.
RtnReport compareRoundToNearest(const RtnRequest& request, const ProgressFn& progress = {});

// Resolves "auto" or a preset name against the model, then applies overrides.
// "auto": a first Conv2d's input channels pick fmnist (1) or imagenet (3); a
// first Linear must take exactly a preset's flattened image (784 = 1x28x28 or
// 150528 = 3x224x224), else an Error asks for --preprocess or explicit settings.
class Model;
Preprocess choosePreprocess(const std::string& name, const Model& model, const PreprocessOverrides& overrides = {});

} // namespace adaround
