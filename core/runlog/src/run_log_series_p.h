#pragma once
// The series a layer grows while it is optimised (loss statistics, h(V)
// histograms): events are buffered between saves and appended at each save
// (run_log_series.cpp; the layout in docs/runlog.md).
#include "adaround/run_events.h"
#include "h5_p.h"

#include <vector>

namespace adaround {

struct LayerSeries {
    int index = -1;
    h5::Handle group, iteration, rec, round, beta, total, histIteration, histogram, settled;
    h5::Handle sampleH;                    // created with the first weight sample (its width is known then)
    std::vector<int64_t> sampleIndex;      // the sampled weights, as written to sample_index
    size_t bins = 0;
    std::vector<IterationStats> stats;     // not yet in the file
    std::vector<HistogramSnapshot> hists;  // not yet in the file
    std::vector<WeightSample> samples;     // not yet in the file
};

// Creates the layer's group under LAYERS with its start attributes and empty series.
LayerSeries startLayerSeries(hid_t layers, const LayerStarted& e, size_t bins);
// Appends the buffered rows (throws Error for a histogram of another width, or
// a weight sample of other weights than the layer's first).
void appendPending(LayerSeries& s);

template <class E, class F>
std::vector<double> doubles(const std::vector<E>& events, F field)
{
    std::vector<double> out;
    out.reserve(events.size());
    for (const auto& e : events)
        out.push_back(field(e));
    return out;
}

} // namespace adaround
