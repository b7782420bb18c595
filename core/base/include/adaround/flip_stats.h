#pragma once
// Who flipped: which weights of a layer AdaRound rounded the other way from
// round-to-nearest, from the layer's stored rounding choices and the FP32
// weights' fractional positions (QuantizedLayer::fraction). Shared by the
// Who Flipped view and `adaround-cli log flips`.
#include "adaround/run_events.h"

#include <cstdint>
#include <vector>

namespace adaround {

// Round-to-nearest goes up from floor(W/s) when the fractional position is at
// least 0.5 (0.5 itself, a tie, counts as up).
inline bool nearestRoundsUp(float fraction) { return fraction >= 0.5f; }

// Weights whose fractional position lies in [from, to) of the distance |fraction - 0.5|.
struct FlipBin {
    double from = 0, to = 0;
    int64_t weights = 0;
    int64_t flipped = 0;
};

struct FlipStats {
    int64_t weights = 0;
    int64_t flipped = 0;     // rounded the other way from nearest
    int64_t flippedUp = 0;   // nearest was down, AdaRound went up
    int64_t flippedDown = 0; // nearest was up, AdaRound went down
    std::vector<FlipBin> byDistance; // equal bins of |fraction - 0.5| on [0, 0.5]
};

// Whether LAYER has what the statistics need (fractions and rounding choices of
// its weights): logs written before fractions were stored do not.
bool hasFlipData(const QuantizedLayer& layer);

// The statistics of LAYER over the weights of output channel CHANNEL (-1: all),
// with BINS distance bins. Empty (weights 0) without flip data.
FlipStats flipStats(const QuantizedLayer& layer, int bins = 10, int64_t channel = -1);

// Weights per output channel (the first dimension of the weight).
int64_t weightsPerChannel(const QuantizedLayer& layer);

} // namespace adaround
