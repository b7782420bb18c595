#include "run_log_samples_p.h"

#include "adaround/error.h"

#include <cmath>

namespace adaround {

void writeFraction(hid_t layerGroup, const std::vector<hsize_t>& shape, const std::vector<float>& fraction)
{
    h5::writeArray(layerGroup, "fraction", H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, shape, fraction.data());
}

std::vector<float> readFraction(hid_t layerGroup, size_t weights)
{
    if (!h5::exists(layerGroup, "fraction"))
        return {};
    std::vector<float> f = h5::read<float>(layerGroup, "fraction");
    if (f.size() != weights)
        throw Error("'fraction' and 'codes' differ in size");
    for (float x : f)
        if (!(x >= 0.0f && x < 1.0f)) // NaN too
            throw Error("'fraction' holds " + std::to_string(x) + ", outside [0, 1)");
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
