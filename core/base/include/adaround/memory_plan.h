#pragma once
// What a run will hold in memory, worked out from one image before any bulk
// loading, and checked against the run's budget (AdaRoundConfig::memoryBudget):
// a run that does not fit is refused up front with the fix, not killed later.
#include <cstdint>
#include <string>

namespace adaround {

struct MemoryPlan {
    int64_t calibImages = 0;
    int64_t curveImages = 0;   // the progress curve's eval subset (0: no curve)
    int64_t evalBatch = 0;     // images per evaluation batch
    std::string widestLayer;   // the layer whose cut holds the most cached values
    // Bytes per image at the widest cut: every value live there (the layer's
    // input among them), for one model.
    int64_t cutBytesPerImage = 0;
    int64_t targetBytesPerImage = 0; // the layer's FP32 outputs there (its reconstruction targets)
    int64_t imageBytes = 0;    // one decoded, preprocessed image

    int64_t calibImageBytes = 0; // decoded calibration images (dropped after the first segment)
    int64_t cutBytes = 0;        // the widest cut, FP32 and quantized model, all calibration images
    int64_t targetBytes = 0;     // the widest layer's targets, all calibration images
    int64_t curveBytes = 0;      // the curve subset at the widest cut, RTN and quantized model
    int64_t evalBytes = 0;       // decoded evaluation batches in flight (prefetched and current)
    int64_t modelBytes = 0;      // parameters and buffers of the three models (FP32, RTN, quantized)
    int64_t budget = 0;

    // What is checked against the budget: the cached data at its peak.
    int64_t cachedBytes() const;
    // With the model copies: the expected peak of the run's data.
    int64_t totalBytes() const { return cachedBytes() + modelBytes; }
    bool fits() const { return cachedBytes() <= budget; }
    // The most calibration images that fit (0 if none do).
    int64_t maxCalibImages() const;

    std::string describe() const;      // one line per item, for the terminal and the GUI
    std::string refusal() const;       // the error when it does not fit, naming the fixes
};

std::string mebibytes(int64_t bytes); // "1,234 MiB"

} // namespace adaround
