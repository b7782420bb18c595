#include "run_log_samples_p.h"

#include "adaround/error.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace adaround {

// uint8 q = floor(256 f): a quarter of float32's size (the demo's log 4.8x
// larger with float32), and the nearest decision f >= 0.5 <=> q >= 128 exact.
void writeFraction(hid_t layerGroup, const std::vector<hsize_t>& shape, const std::vector<float>& fraction)
{
    std::vector<uint8_t> q(fraction.size());
    for (size_t i = 0; i < q.size(); ++i)
        q[i] = uint8_t(std::clamp(std::floor(fraction[i] * 256.0f), 0.0f, 255.0f));
    h5::writeArray(layerGroup, "fraction", H5T_STD_U8LE, H5T_NATIVE_UINT8, shape, q.data());
}

std::vector<float> readFraction(hid_t layerGroup, size_t weights)
{
    if (!h5::exists(layerGroup, "fraction"))
        return {};
    const std::vector<uint8_t> q = h5::read<uint8_t>(layerGroup, "fraction");
    if (q.size() != weights)
        throw Error("'fraction' and 'codes' differ in size");
    std::vector<float> f(q.size());
    for (size_t i = 0; i < q.size(); ++i)
        f[i] = (float(q[i]) + 0.5f) / 256.0f; // the bin's centre
    return f;
}

std::vector<WeightSample> readWeightSamples(hid_t layerGroup, int layer, const std::vector<int32_t>& histIterations)
{
    const bool index = h5::exists(layerGroup, "sample_index"), rows = h5::exists(layerGroup, "sample_h");
    if (!index && !rows)
        return {};
    if (index != rows)
        throw Error("'sample_index' without 'sample_h' or the reverse");
    const std::vector<int64_t> indices = h5::read<int64_t>(layerGroup, "sample_index");
    std::vector<hsize_t> dims;
    const std::vector<float> h = h5::read<float>(layerGroup, "sample_h", &dims);
    if (dims.size() != 2 || dims[1] != indices.size())
        throw Error("'sample_h' is not one row of " + std::to_string(indices.size()) + " weights per snapshot");
    // A run killed between a histogram and its sample has one row fewer.
    if (dims[0] > histIterations.size())
        throw Error("'sample_h' has more rows than 'histogram_iteration'");
    for (size_t i = 0; i < indices.size(); ++i)
        if (indices[i] < 0 || (i > 0 && indices[i] <= indices[i - 1]))
            throw Error("'sample_index' is not ascending from 0");
    std::vector<WeightSample> out;
    const size_t width = indices.size();
    for (size_t r = 0; r < dims[0]; ++r)
        out.push_back({layer, histIterations[r], indices,
                       std::vector<float>(h.begin() + long(r * width), h.begin() + long((r + 1) * width))});
    return out;
}

} // namespace adaround
