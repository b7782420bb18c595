// Consistency of a parsed record: indices in range and sizes that agree, so
// that no consumer (the views, the CSV export, the sandbox's copy) indexes out
// of bounds on a log that is well-formed HDF5 but says impossible things.
#include "run_log_parse_p.h"

#include "adaround/error.h"

namespace adaround {
namespace {

void checkLayer(int layer, size_t count, const char* what)
{
    if (layer < 0 || size_t(layer) >= count)
        throw Error(std::string(what) + " of layer " + std::to_string(layer) + ", but the layer table has " +
                    std::to_string(count) + " layers");
}

void checkBits(int bits, const std::string& what)
{
    if (bits < 0 || bits > 16)
        throw Error(what + " has " + std::to_string(bits) + " bits");
}

} // namespace

void checkRecord(const RunRecord& r)
{
    if (!r.hasStarted) {
        if (!r.layerStarts.empty())
            throw Error("layers without a configuration");
        return;
    }
    const RunStarted& s = r.started;
    const size_t n = s.layers.size();
    if (s.bits.size() != n || s.adaround.size() != n)
        throw Error("the layer table's columns differ in length");
    for (int b : s.bits)
        checkBits(b, "the layer table");
    for (const LayerStarted& l : r.layerStarts) {
        checkLayer(l.layer, n, "a group");
        checkBits(l.bits, "layer " + l.name);
    }
    for (const IterationStats& e : r.iterations)
        checkLayer(e.layer, n, "statistics");
    for (const HistogramSnapshot& h : r.histograms)
        checkLayer(h.layer, n, "a histogram");
    for (const LayerFinished& f : r.layers)
        checkLayer(f.layer, n, "results");
    for (const ActivationGrid& a : s.activationGrids) {
        checkLayer(a.layer, n, "an activation grid");
        checkBits(a.bits, "an activation grid");
    }
    for (const QuantizedLayer& w : r.weights) {
        checkLayer(w.layer, n, "weights");
        checkBits(w.grid.bits, "weights of " + w.name);
        size_t count = 1;
        for (int64_t d : w.shape) {
            if (d < 0)
                throw Error("weights of " + w.name + " with a negative dimension");
            count *= size_t(d);
        }
        if (count != w.codes.size() || w.grid.scale.size() != w.grid.zeroPoint.size() ||
            (!w.fraction.empty() && w.fraction.size() != count))
            throw Error("weights of " + w.name + " whose sizes disagree");
    }
    for (const WeightSample& sample : r.samples) {
        checkLayer(sample.layer, n, "a weight sample");
        if (sample.h.size() != sample.indices.size())
            throw Error("a weight sample of layer " + std::to_string(sample.layer) + " whose sizes disagree");
        // Within the layer's weights, wherever the log has them.
        for (const QuantizedLayer& w : r.weights)
            if (w.layer == sample.layer && !sample.indices.empty() && size_t(sample.indices.back()) >= w.codes.size())
                throw Error("a weight sample of layer " + w.name + " beyond its " + std::to_string(w.codes.size()) +
                            " weights");
    }
    if (r.layersDone < 0 || size_t(r.layersDone) > n)
        throw Error("layers_done is " + std::to_string(r.layersDone) + " of " + std::to_string(n) + " layers");
}

} // namespace adaround
