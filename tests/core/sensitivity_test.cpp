// Per-layer sensitivity on the demo CNN and the real small Fashion-MNIST eval
// folder (300 images), checked against the `rtn` comparison run independently:
// its segmented shortcuts (shared prefixes, blocks) must score exactly what
// whole-model evaluations of the same bit plans score.
#include "adaround/error.h"
#include "adaround/rtn_comparison.h"
#include "adaround/sensitivity.h"
#include "test_support.h"

using namespace adaround;
using namespace testsupport;

namespace {

SensitivityRequest demoRequest(std::vector<int> bits)
{
    SensitivityRequest r;
    r.modelPath = demoModel("fmnist_cnn");
    r.evalDir = smallEvalDir();
    r.bitWidths = std::move(bits);
    r.evalSubset = 0; // all 300
    return r;
}

// RTN top-1 on the whole small folder with every layer at DEFAULT_BITS (0 =
// float) except the OVERRIDES.
double rtnTop1(int defaultBits, std::vector<std::pair<std::string, int>> overrides)
{
    RtnRequest r;
    r.modelPath = demoModel("fmnist_cnn");
    r.evalDir = smallEvalDir();
    r.bits.defaultBits = defaultBits == 0 ? 8 : defaultBits;
    r.bits.firstLastBits = 0;
    r.bits.overrides = std::move(overrides);
    return compareRoundToNearest(r).rtn.top1;
}

const SensitivityReport& demoReport()
{
    static const SensitivityReport report = [] {
        SensitivityAnalysis analysis(demoRequest({2, 8}));
        return analysis.run();
    }();
    return report;
}

} // namespace

TEST(Sensitivity, FiguresEqualWholeModelEvaluationsOfTheSamePlans)
{
    const SensitivityReport& r = demoReport();
    ASSERT_FALSE(r.cancelled);
    ASSERT_EQ(r.layers.size(), 5u);
    EXPECT_EQ(r.evalImages, kSmallEvalImages);
    EXPECT_EQ(r.folderImages, kSmallEvalImages);
    RtnRequest plain;
    plain.modelPath = demoModel("fmnist_cnn");
    plain.evalDir = smallEvalDir();
    EXPECT_DOUBLE_EQ(r.fp32.top1, compareRoundToNearest(plain).fp32.top1);
    EXPECT_DOUBLE_EQ(r.allQuantized.at(2).top1, rtnTop1(2, {}));

    // One layer alone at 2 bits, and every layer but it: fc1 and conv1.
    std::vector<std::pair<std::string, int>> onlyFc1;
    for (const auto& l : r.layers)
        if (l.layer.name != "fc1")
            onlyFc1.emplace_back(l.layer.name, 0);
    const SensitivityLayer& fc1 = r.layers[3];
    ASSERT_EQ(fc1.layer.name, "fc1");
    EXPECT_EQ(fc1.weights, 128 * 1568);
    EXPECT_DOUBLE_EQ(fc1.bits.at(2).top1, rtnTop1(2, onlyFc1));
    EXPECT_DOUBLE_EQ(r.layers[0].bits.at(2).othersQuantizedTop1, rtnTop1(2, {{"conv1", 0}}));
}

TEST(Sensitivity, EightBitsCostsNothingAndTwoBitsCostsMore)
{
    const SensitivityReport& r = demoReport();
    for (const SensitivityLayer& l : r.layers) {
        const LayerSensitivity& b8 = l.bits.at(8);
        const LayerSensitivity& b2 = l.bits.at(2);
        EXPECT_LE(std::abs(b8.drop), 1.0) << l.layer.name; // 3 images of 300
        EXPECT_GE(b2.drop, -1.0) << l.layer.name;          // no gain beyond noise
        EXPECT_GT(b2.mse, 10 * b8.mse) << l.layer.name;
        EXPECT_GT(b8.mse, 0) << l.layer.name;
        // Keeping one layer in float never leaves the rest far below all at 2 bits.
        EXPECT_GE(b2.othersQuantizedTop1, r.allQuantized.at(2).top1 - 2.0) << l.layer.name;
        EXPECT_NEAR(b8.othersQuantizedTop1, r.fp32.top1, 1.0) << l.layer.name;
    }
}

TEST(Sensitivity, APlanIsMeasuredOnTheSameImages)
{
    SensitivityAnalysis analysis(demoRequest({2}));
    const std::vector<int> allTwo(5, 2);
    EXPECT_DOUBLE_EQ(analysis.evaluateBits(allTwo).top1, rtnTop1(2, {}));
    EXPECT_DOUBLE_EQ(analysis.evaluateBits({0, 4, 4, 3, 0}).top1,
                     rtnTop1(4, {{"conv1", 0}, {"fc1", 3}, {"fc2", 0}}));
    EXPECT_THROW(analysis.evaluateBits({2, 2}), Error);
}

TEST(Sensitivity, SubsetCancelAndBadSettings)
{
    SensitivityRequest subset = demoRequest({4});
    subset.evalSubset = 100;
    SensitivityAnalysis analysis(subset);
    RunControl cancelled;
    cancelled.cancel();
    const SensitivityReport stopped = analysis.run({}, cancelled);
    EXPECT_TRUE(stopped.cancelled);
    EXPECT_TRUE(stopped.layers.empty());
    const SensitivityReport r = analysis.run(); // the weights were restored
    EXPECT_FALSE(r.cancelled);
    EXPECT_EQ(r.evalImages, 100);
    EXPECT_EQ(r.folderImages, kSmallEvalImages);

    EXPECT_THROW(SensitivityAnalysis(demoRequest({9})), Error);
    EXPECT_THROW(SensitivityAnalysis(demoRequest({})), Error);
}

TEST(Sensitivity, ShortAdaRoundOfALayerAloneBeatsItsRoundToNearest)
{
    SensitivityRequest r = demoRequest({2});
    r.evalSubset = 100;
    r.withAdaRound = true;
    r.adaround.calibDir = calibDir();
    r.adaround.calibSize = 128;
    r.adaround.iterations = 300;
    SensitivityAnalysis analysis(r);
    const SensitivityReport report = analysis.run();
    ASSERT_TRUE(report.withAdaRound);
    EXPECT_EQ(report.calibImages, 128);
    double rtnMse = 0, adaMse = 0;
    for (const SensitivityLayer& l : report.layers) {
        const LayerSensitivity& s = l.bits.at(2);
        EXPECT_DOUBLE_EQ(s.adaroundDrop, report.fp32.top1 - s.adaroundTop1);
        EXPECT_GT(s.adaroundMse, 0) << l.layer.name;
        rtnMse += s.mse;
        adaMse += s.adaroundMse;
    }
    EXPECT_LT(adaMse, 0.8 * rtnMse);
}
