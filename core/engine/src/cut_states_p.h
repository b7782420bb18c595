#pragma once
// A set of images advanced through a SegmentedForward: the live values at the
// current cut, kept in fixed-size chunks (the chunks the old per-layer capture
// ran, so captured inputs agree bitwise). The images themselves are dropped
// once the first segment has run.
#include "adaround/progress.h"
#include "segmented_forward_p.h"

#include <string>
#include <vector>

namespace adaround {

class CutStates {
public:
    static constexpr int64_t kChunk = 128;

    // The state at cut 0. PROGRESS is called after each chunk (a cancelled run
    // throws from it) with STAGE as its stage.
    CutStates(SegmentedForward& forward, const torch::Tensor& images, const ProgressFn& progress,
              const std::string& stage, int64_t chunk = kChunk);

    size_t cut() const { return cut_; }
    int64_t images() const { return images_; }

    // Moves every chunk through the next segment (to the next cut).
    void advance(const ProgressFn& progress, const std::string& stage);
    // The input of the layer at the current cut, for all images (a copy).
    torch::Tensor layerInput() const;
    // The same, and the state then reads its copy of the input from the result
    // (where no other live value shares its storage), so the input is held
    // once. The caller must not write to it; the next advance may.
    torch::Tensor takeLayerInput();
    // The model's output for all images, run from the current cut on; the
    // state itself stays as it is (copied first where a segment writes in place).
    torch::Tensor outputFromHere() const;

private:
    SegmentedForward& forward_;
    size_t cut_ = 0;
    int64_t images_ = 0;
    std::vector<SegmentedForward::State> chunks_;
};

} // namespace adaround
