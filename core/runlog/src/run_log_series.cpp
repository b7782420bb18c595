#include "run_log_series_p.h"

#include "adaround/error.h"
#include "run_log_layout_p.h"

namespace adaround {

LayerSeries startLayerSeries(hid_t layers, const LayerStarted& e, size_t bins)
{
    LayerSeries s;
    s.index = e.layer;
    s.bins = bins;
    s.group = h5::createGroup(layers, layerGroupName(e.layer, e.name));
    const hid_t g = s.group.id();
    h5::setInt(g, "index", e.layer);
    h5::setString(g, "name", e.name);
    h5::setInt(g, "bits", e.bits);
    h5::setInt(g, "iterations", e.iterations);
    h5::setFlag(g, "completed", false);
    s.iteration = h5::createSeries(g, "iteration", H5T_STD_I32LE);
    s.rec = h5::createSeries(g, "rec_loss", H5T_IEEE_F64LE);
    s.round = h5::createSeries(g, "round_loss", H5T_IEEE_F64LE);
    s.beta = h5::createSeries(g, "beta", H5T_IEEE_F64LE);
    s.total = h5::createSeries(g, "total_loss", H5T_IEEE_F64LE);
    s.histIteration = h5::createSeries(g, "histogram_iteration", H5T_STD_I32LE, {}, 64);
    s.histogram = h5::createSeries(g, "histogram", H5T_STD_I64LE, {hsize_t(bins)}, 64);
    s.settled = h5::createSeries(g, "histogram_settled_share", H5T_IEEE_F64LE, {}, 64);
    return s;
}

namespace {

// sample_index (the weights, once) and sample_h (one row per histogram).
void appendSamples(LayerSeries& s)
{
    if (s.samples.empty())
        return;
    if (!s.sampleH) {
        s.sampleIndex = s.samples.front().indices;
        const hid_t g = s.group.id();
        h5::writeArray(g, "sample_index", H5T_STD_I64LE, H5T_NATIVE_INT64, {hsize_t(s.sampleIndex.size())},
                       s.sampleIndex.data());
        s.sampleH = h5::createSeries(g, "sample_h", H5T_IEEE_F32LE, {hsize_t(s.sampleIndex.size())}, 64);
    }
    std::vector<float> rows;
    for (const WeightSample& w : s.samples) {
        if (w.indices != s.sampleIndex || w.h.size() != w.indices.size())
            throw Error("a weight sample of other weights than the layer's first");
        rows.insert(rows.end(), w.h.begin(), w.h.end());
    }
    h5::appendRows(s.sampleH.id(), H5T_NATIVE_FLOAT, rows.data(), s.samples.size());
    s.samples.clear();
}

} // namespace

void appendPending(LayerSeries& s)
{
    const hsize_t n = s.stats.size();
    std::vector<int32_t> its;
    for (const auto& e : s.stats)
        its.push_back(e.iteration);
    h5::appendRows(s.iteration.id(), H5T_NATIVE_INT32, its.data(), n);
    h5::appendRows(s.rec.id(), H5T_NATIVE_DOUBLE, doubles(s.stats, [](auto& e) { return e.recLoss; }).data(), n);
    h5::appendRows(s.round.id(), H5T_NATIVE_DOUBLE, doubles(s.stats, [](auto& e) { return e.roundLoss; }).data(), n);
    h5::appendRows(s.beta.id(), H5T_NATIVE_DOUBLE, doubles(s.stats, [](auto& e) { return e.beta; }).data(), n);
    h5::appendRows(s.total.id(), H5T_NATIVE_DOUBLE, doubles(s.stats, [](auto& e) { return e.total; }).data(), n);
    s.stats.clear();

    const hsize_t m = s.hists.size();
    std::vector<int32_t> hIts;
    std::vector<int64_t> counts;
    for (const auto& h : s.hists) {
        if (h.counts.size() != s.bins)
            throw Error("histogram with " + std::to_string(h.counts.size()) + " bins, expected " +
                        std::to_string(s.bins));
        hIts.push_back(h.iteration);
        counts.insert(counts.end(), h.counts.begin(), h.counts.end());
    }
    h5::appendRows(s.histIteration.id(), H5T_NATIVE_INT32, hIts.data(), m);
    h5::appendRows(s.histogram.id(), H5T_NATIVE_INT64, counts.data(), m);
    h5::appendRows(s.settled.id(), H5T_NATIVE_DOUBLE, doubles(s.hists, [](auto& e) { return e.settledShare; }).data(), m);
    s.hists.clear();
    appendSamples(s);
}

} // namespace adaround
