#pragma once
// A run's inputs read as a run reads them (adaround_run.cpp): the model, the
// preprocessing, the seeded calibration sample and the evaluation folder,
// each checked against the model before any image is loaded in bulk. Shared by
// the stochastic study and the layer lab, so they measure on a run's images.
#include "adaround/adaround_config.h"
#include "adaround/image_folder.h"
#include "adaround/image_set.h"
#include "adaround/model.h"
#include "adaround/preprocess.h"
#include "segmented_forward_p.h"

#include <memory>
#include <optional>

namespace adaround {

struct RunInputs {
    std::unique_ptr<Model> model;   // as loaded: BatchNorm not folded yet
    Preprocess pre;
    ImageFolder calibFolder;        // the whole folder: its classes label the evaluation folder
    ImageFolder calib;              // the calibration sample: calib_size images picked with the seed
    ImageSet calibProbe;            // one decoded calibration image
    std::optional<ImageFolder> eval; // unset when the configuration has no evaluation folder
};

// Throws Error (naming the folder or the model) for a missing or mismatched input.
RunInputs scanRunInputs(const AdaRoundConfig& config);

// The K images a run's progress curve uses (picked with SEED + 1), or the
// whole folder when K is 0 or covers it.
ImageFolder evalSubsetOf(const ImageFolder& eval, int64_t subset, uint64_t seed);

// The images of SET as a tensor view [N, C, H, W] (no copy: SET must outlive it).
torch::Tensor imagesOf(const ImageSet& set);

// The layer by name, or an Error listing the model's layer names.
int findLayerByName(const Model& model, const std::string& name);

// Refuses (Error naming WHAT, the figures and the options that lower them)
// before loading when holding, at LAYER's cut (SEGMENTS cut before it only),
// CALIB_INPUTS copies of the layer's input and its FP32 output per
// calibration image, and the cut's live values per evaluation image, would
// exceed BUDGET bytes (0: no budget). Measured on one PROBE image.
void checkHeldAtCut(const std::string& what, SegmentedForward& segments, ModelImpl& fp, int layer,
                    const torch::Tensor& probe, int64_t calibImages, int64_t evalImages, size_t budget,
                    int calibInputs = 1);

} // namespace adaround
