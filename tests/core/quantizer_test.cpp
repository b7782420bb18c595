// Quantizer grids and round-to-nearest: shapes, grid membership, range search.
#include "adaround/bit_plan.h"
#include "adaround/error.h"
#include "adaround/quantizer.h"
#include "test_support.h"

#include <cmath>
#include <random>
#include <set>

using namespace adaround;

namespace {

HostTensor randomWeight(std::vector<int64_t> shape, uint32_t seed, float outlier = 0.f)
{
    HostTensor t;
    t.shape = std::move(shape);
    std::mt19937 gen(seed);
    std::normal_distribution<float> dist(0.f, 0.1f);
    t.values.resize(size_t(t.numel()));
    for (float& v : t.values)
        v = dist(gen);
    if (outlier != 0.f)
        t.values[0] = outlier;
    return t;
}

double mse(const HostTensor& a, const HostTensor& b)
{
    double s = 0;
    for (size_t i = 0; i < a.values.size(); ++i)
        s += double(a.values[i] - b.values[i]) * (a.values[i] - b.values[i]);
    return s / double(a.values.size());
}

} // namespace

TEST(Quantizer, PerChannelGridHasOneScalePerOutputChannel)
{
    const HostTensor w = randomWeight({8, 4, 3, 3}, 1);
    const QuantGrid g = fitGrid(w, {4, true, false});
    EXPECT_EQ(g.scale.size(), 8u);
    EXPECT_EQ(g.zeroPoint.size(), 8u);
    const QuantGrid t = fitGrid(w, {4, false, false});
    EXPECT_EQ(t.scale.size(), 1u);
}

TEST(Quantizer, RoundToNearestValuesLieOnTheGrid)
{
    const HostTensor w = randomWeight({6, 20}, 2);
    for (int bits : {2, 3, 4, 8}) {
        const QuantGrid g = fitGrid(w, {bits, true, false});
        const HostTensor q = roundToNearest(w, g);
        ASSERT_EQ(q.shape, w.shape);
        for (int64_t c = 0; c < 6; ++c) {
            std::set<long> levels;
            for (int64_t k = 0; k < 20; ++k) {
                const float v = q.values[size_t(c * 20 + k)];
                const double level = v / g.scale[size_t(c)] + g.zeroPoint[size_t(c)];
                EXPECT_NEAR(level, std::round(level), 1e-3);
                EXPECT_GE(std::lround(level), 0);
                EXPECT_LE(std::lround(level), (1 << bits) - 1);
                levels.insert(std::lround(level));
            }
            EXPECT_LE(levels.size(), size_t(1) << bits);
        }
    }
}

TEST(Quantizer, ZeroIsExactlyRepresentable)
{
    const HostTensor w = randomWeight({4, 50}, 3);
    for (bool symmetric : {false, true}) {
        const QuantGrid g = fitGrid(w, {3, true, symmetric});
        for (float z : g.zeroPoint)
            EXPECT_EQ(z, std::round(z));
        if (symmetric) {
            for (float z : g.zeroPoint)
                EXPECT_EQ(z, 4.f); // 2^(b-1)
        }
    }
}

TEST(Quantizer, ErrorFallsAsBitsRise)
{
    const HostTensor w = randomWeight({16, 64}, 4);
    double previous = 1e9;
    for (int bits = 2; bits <= 8; ++bits) {
        const double e = mse(w, roundToNearest(w, fitGrid(w, {bits, true, false})));
        EXPECT_LT(e, previous) << bits << " bits";
        previous = e;
    }
}

TEST(Quantizer, RangeSearchClipsAnOutlierAndBeatsTheFullRange)
{
    // One huge weight: the full min/max grid wastes levels; the MSE search clips.
    const HostTensor w = randomWeight({1, 2000}, 5, 3.0f);
    const QuantGrid searched = fitGrid(w, {3, false, false});
    QuantGrid full = searched;
    float lo = 0, hi = 0;
    for (float v : w.values) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    full.scale = {(hi - lo) / 7.f};
    full.zeroPoint = {std::round(-lo / full.scale[0])};
    EXPECT_LT(searched.scale[0], full.scale[0] * 0.9f);
    EXPECT_LT(mse(w, roundToNearest(w, searched)), mse(w, roundToNearest(w, full)));
}

TEST(Quantizer, PerChannelBeatsPerTensorOnUnevenChannels)
{
    HostTensor w = randomWeight({4, 100}, 6);
    for (size_t i = 0; i < 100; ++i)
        w.values[i] *= 20.f; // channel 0 has a much wider range
    const double perChannel = mse(w, roundToNearest(w, fitGrid(w, {4, true, false})));
    const double perTensor = mse(w, roundToNearest(w, fitGrid(w, {4, false, false})));
    EXPECT_LT(perChannel, perTensor);
}

TEST(Quantizer, AllZeroChannelStaysZero)
{
    HostTensor w = randomWeight({2, 10}, 7);
    std::fill(w.values.begin(), w.values.begin() + 10, 0.f);
    const HostTensor q = roundToNearest(w, fitGrid(w, {4, true, false}));
    for (size_t i = 0; i < 10; ++i)
        EXPECT_EQ(q.values[i], 0.f);
}

TEST(Quantizer, RejectsBitsOutsideTwoToEight)
{
    const HostTensor w = randomWeight({2, 10}, 8);
    EXPECT_ERROR_CONTAINS(fitGrid(w, {1, true, false}), "between 2 and 8", "1");
    EXPECT_ERROR_CONTAINS(fitGrid(w, {9, true, false}), "between 2 and 8", "9");
}

TEST(Quantizer, RejectsNonFiniteWeights)
{
    HostTensor w = randomWeight({2, 10}, 9);
    w.values[3] = std::nanf("");
    EXPECT_ERROR_CONTAINS(fitGrid(w, {4, true, false}), "NaN");
}

TEST(BitPlan, FirstAndLastLayerDefaultToEightBits)
{
    std::vector<LayerInfo> layers(4);
    for (size_t i = 0; i < 4; ++i)
        layers[i].name = "l" + std::to_string(i);
    EXPECT_EQ(resolveBits(layers, {3, 8, {}}), (std::vector<int>{8, 3, 3, 8}));
    EXPECT_EQ(resolveBits(layers, {3, 0, {}}), (std::vector<int>{3, 3, 3, 3}));
    EXPECT_EQ(resolveBits(layers, {3, 8, {{"l1", 5}, {"l2", 0}}}), (std::vector<int>{8, 5, 0, 8}));
}

TEST(BitPlan, UnknownLayerAndBadBitsAreErrors)
{
    std::vector<LayerInfo> layers(2);
    layers[0].name = "conv1";
    layers[1].name = "fc";
    EXPECT_ERROR_CONTAINS(resolveBits(layers, {4, 8, {{"conv9", 4}}}), "no layer named 'conv9'", "conv1, fc");
    EXPECT_ERROR_CONTAINS(resolveBits(layers, {4, 8, {{"fc", 12}}}), "between 2 and 8");
    EXPECT_ERROR_CONTAINS(resolveBits(layers, {1, 8, {}}), "between 2 and 8");
}
