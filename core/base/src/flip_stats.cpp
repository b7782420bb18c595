#include "adaround/flip_stats.h"

#include <algorithm>
#include <cmath>

namespace adaround {

bool hasFlipData(const QuantizedLayer& layer)
{
    return !layer.fraction.empty() && layer.fraction.size() == layer.roundedUp.size();
}

int64_t weightsPerChannel(const QuantizedLayer& layer)
{
    if (layer.shape.empty() || layer.shape[0] <= 0)
        return int64_t(layer.codes.size());
    return int64_t(layer.codes.size()) / layer.shape[0];
}

FlipStats flipStats(const QuantizedLayer& layer, int bins, int64_t channel)
{
    FlipStats s;
    bins = std::max(1, bins);
    for (int b = 0; b < bins; ++b)
        s.byDistance.push_back({0.5 * b / bins, 0.5 * (b + 1) / bins, 0, 0});
    if (!hasFlipData(layer))
        return s;
    size_t begin = 0, end = layer.fraction.size();
    if (channel >= 0) {
        const size_t per = size_t(weightsPerChannel(layer));
        begin = std::min(end, size_t(channel) * per);
        end = std::min(end, begin + per);
    }
    for (size_t i = begin; i < end; ++i) {
        const float f = layer.fraction[i];
        const bool nearestUp = nearestRoundsUp(f);
        const bool up = layer.roundedUp[i] != 0;
        const bool flipped = up != nearestUp;
        ++s.weights;
        s.flipped += flipped;
        s.flippedUp += flipped && up;
        s.flippedDown += flipped && !up;
        // A damaged or NaN fraction lands in the last bin rather than outside.
        const double distance = std::isfinite(f) ? std::fabs(double(f) - 0.5) : 0.5;
        const int b = std::clamp(int(distance * 2 * bins), 0, bins - 1);
        ++s.byDistance[size_t(b)].weights;
        s.byDistance[size_t(b)].flipped += flipped;
    }
    return s;
}

} // namespace adaround
