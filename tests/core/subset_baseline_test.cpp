// The progress curve's references and the RTN-only layers' errors, on the demo
// CNN and the real Fashion-MNIST folders: the run's FP32 and RTN-of-the-whole-
// plan top-1 on its eval subset equal the `rtn` comparison run independently on
// a folder of exactly those images; the curve starts at 0 layers and ends at the
// whole plan's RTN; an RTN-only layer's output error equals the one computed
// directly from its inputs, and is unknown (NaN) where the run has no input.
#include "adaround/adaround_run.h"
#include "adaround/image_folder.h"
#include "adaround/image_set.h"
#include "adaround/layer_problem.h"
#include "adaround/model.h"
#include "adaround/quantizer.h"
#include "adaround/rtn_comparison.h"
#include "adaround/sampler.h"
#include "run_test_events.h"
#include "test_support.h"

#include <cmath>
#include <filesystem>

using namespace adaround;
using namespace testsupport;
using namespace runtest;
namespace fs = std::filesystem;

namespace {

// A folder of symlinks to the images the run samples for its curve (the same
// sampler and seed), one subfolder per class as in the original.
void linkCurveSubset(const AdaRoundConfig& c, const std::string& out)
{
    const ImageFolder all = ImageFolder::scan(c.evalDir);
    for (const std::string& cls : all.classes())
        fs::create_directories(fs::path(out) / cls);
    const size_t n = std::min(all.samples().size(), size_t(c.evalSubset));
    const ImageFolder subset = all.subset(sampleIndices(all.samples().size(), n, c.seed + 1));
    for (const ImageSample& s : subset.samples()) {
        const fs::path from(s.path);
        fs::create_symlink(from, fs::path(out) / from.parent_path().filename() / from.filename());
    }
}

} // namespace

TEST(SubsetBaseline, EqualsFp32AndRtnOfTheWholePlanOnTheSameImages)
{
    EventLog log;
    AdaRoundConfig c = demoConfig("fmnist_cnn", 2, 50);
    c.calibSize = 256;
    c.evalSubset = 200; // of the 300 small-demo images
    const RunResult r = runDemo(c, log);
    ASSERT_EQ(r.end, RunEnd::Completed) << r.error;
    ASSERT_TRUE(r.baseline.has_value());
    EXPECT_EQ(log.baselines, 1);
    EXPECT_EQ(r.baseline->fp32.count, 200);
    EXPECT_EQ(r.baseline->rtn.count, 200);

    TempDir dir("subset-baseline");
    linkCurveSubset(c, dir / "eval");
    RtnRequest request;
    request.modelPath = c.modelPath;
    request.evalDir = dir / "eval";
    request.bits = c.bits;
    request.quant = c.quant;
    const RtnReport independent = compareRoundToNearest(request);
    ASSERT_EQ(independent.evalImages, 200);
    std::cout << "subset of 200: FP32 " << r.baseline->fp32.top1 << " (rtn command " << independent.fp32.top1
              << "), RTN of every layer " << r.baseline->rtn.top1 << " (rtn command " << independent.rtn.top1
              << "); all 300: FP32 " << r.final.fp32.top1 << ", RTN " << r.final.rtn.top1 << "\n";
    EXPECT_DOUBLE_EQ(r.baseline->fp32.top1, independent.fp32.top1);
    EXPECT_DOUBLE_EQ(r.baseline->fp32.top5, independent.fp32.top5);
    EXPECT_DOUBLE_EQ(r.baseline->rtn.top1, independent.rtn.top1);
    EXPECT_DOUBLE_EQ(r.baseline->rtn.top5, independent.rtn.top5);
    EXPECT_LT(r.baseline->rtn.top1, r.baseline->fp32.top1 - 5) << "2-bit RTN damage shows before the first layer";

    // The curve starts before the first layer (the FP32 model: no activation
    // quantizers) and its RTN line ends at the whole plan's RTN.
    ASSERT_EQ(r.progress.size(), 1u + r.layers.size());
    EXPECT_EQ(r.progress.front().layersDone, 0);
    EXPECT_DOUBLE_EQ(r.progress.front().rtnTop1, r.baseline->fp32.top1);
    EXPECT_DOUBLE_EQ(r.progress.front().adaroundTop1, r.baseline->fp32.top1);
    EXPECT_EQ(r.progress.back().layersDone, int(r.layers.size()));
    EXPECT_DOUBLE_EQ(r.progress.back().rtnTop1, r.baseline->rtn.top1);
}

TEST(SubsetBaseline, NoneWithoutAnEvalSubset)
{
    EventLog log;
    AdaRoundConfig c = demoConfig("fmnist_cnn", 4, 10);
    c.calibSize = 64;
    c.batchSize = 32;
    c.evalSubset = 0;
    const RunResult r = runDemo(c, log);
    ASSERT_EQ(r.end, RunEnd::Completed) << r.error;
    EXPECT_FALSE(r.baseline.has_value());
    EXPECT_EQ(log.baselines, 0);
    EXPECT_TRUE(r.progress.empty());
}

TEST(RtnOnlyLayers, GetTheirRealOutputErrorWhereTheirInputIsAtHand)
{
    // conv1 (the input images) and conv3 (between optimised layers) pass the
    // capture; fc2 comes after the last optimised layer, fc1.
    EventLog log;
    AdaRoundConfig c = demoConfig("fmnist_cnn", 3, 50);
    c.calibSize = 256;
    c.evalSubset = 0;
    c.rtnOnlyLayers = {"conv1", "conv3", "fc2"};
    const RunResult r = runDemo(c, log);
    ASSERT_EQ(r.end, RunEnd::Completed) << r.error;
    ASSERT_EQ(r.layers.size(), 5u);
    const LayerFinished &conv1 = r.layers[0], &conv3 = r.layers[2], &fc2 = r.layers[4];
    ASSERT_EQ(conv1.name, "conv1");
    EXPECT_FALSE(conv1.optimised);
    EXPECT_FALSE(conv3.optimised);
    EXPECT_FALSE(fc2.optimised);
    std::cout << "rec MSE RTN: conv1 " << conv1.recMseRtn << ", conv3 " << conv3.recMseRtn << ", fc2 " << fc2.recMseRtn
              << "\n";
    EXPECT_GT(conv3.recMseRtn, 0);
    EXPECT_TRUE(std::isfinite(conv3.recMseRtn));
    EXPECT_EQ(conv3.recMseHard, conv3.recMseRtn) << "the hard rounding of an RTN-only layer is RTN";
    EXPECT_TRUE(std::isnan(fc2.recMseRtn)) << "no input at hand after the last optimised layer";
    EXPECT_TRUE(std::isnan(fc2.recMseHard));

    // Directly: conv1's input is the calibration images themselves (no
    // activation quantizers), so its RTN error is that of the one-layer problem
    // on them, on the same grid.
    auto model = Model::load(c.modelPath);
    model->foldBatchNorm();
    const ImageFolder calib = ImageFolder::scan(c.calibDir);
    const ImageSet images = loadImages(calib.subset(sampleIndices(calib.samples().size(), 256, c.seed)),
                                       Preprocess::preset("fmnist"));
    LayerProblem p;
    p.info = model->layers()[0];
    p.weight = model->weight(0);
    p.bias = model->bias(0);
    p.inputFp = p.inputQ = images.images;
    QuantSpec spec = c.quant;
    spec.bits = 8; // the first layer's bits
    p.grid = fitGrid(p.weight, spec);
    AdaRoundConfig one = c;
    one.iterations = 1;
    const LayerSolution direct = solveLayer(p, one);
    EXPECT_GT(conv1.recMseRtn, 0);
    EXPECT_NEAR(conv1.recMseRtn, direct.summary.recMseRtn, 1e-6 * direct.summary.recMseRtn);
    EXPECT_EQ(conv1.recMseHard, conv1.recMseRtn);
}
