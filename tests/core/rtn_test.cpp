// FP32 and round-to-nearest accuracy of the demo models on the 10,000 prepared
// Fashion-MNIST test images, through the same path the CLI uses.
#include "adaround/accuracy.h"
#include "adaround/error.h"
#include "adaround/image_folder.h"
#include "adaround/model.h"
#include "adaround/rtn.h"
#include "adaround/rtn_comparison.h"
#include "test_support.h"

using namespace adaround;
using namespace testsupport;

namespace {

const ImageSet& evalSet()
{
    static const ImageSet set = loadImages(ImageFolder::scan(evalDir()), Preprocess::preset("fmnist"));
    return set;
}

double rtnTop1(const std::string& name, int bits)
{
    auto model = Model::load(demoModel(name));
    model->foldBatchNorm();
    applyRoundToNearest(*model, resolveBits(model->layers(), {bits, 8, {}}), QuantSpec{});
    return evaluate(*model, evalSet()).top1;
}

class DemoAccuracy : public ::testing::TestWithParam<const char*> {};

} // namespace

TEST_P(DemoAccuracy, Fp32MatchesTheRecordedTrainingFigure)
{
    const std::string name = GetParam();
    const double recorded = recordedTop1(name);
    ASSERT_GT(recorded, 0) << "demo_models.json lacks " << name;
    auto model = Model::load(demoModel(name));
    const Accuracy acc = evaluate(*model, evalSet());
    EXPECT_EQ(acc.count, 10000);
    EXPECT_NEAR(acc.top1, recorded, 0.05) << "PNG folder + fmnist preset must reproduce PyTorch's score";
    model->foldBatchNorm();
    EXPECT_NEAR(evaluate(*model, evalSet()).top1, recorded, 0.05) << "after BN folding";
    EXPECT_GE(acc.top5, acc.top1);
}

TEST_P(DemoAccuracy, RoundToNearestDegradesAsBitsFall)
{
    const std::string name = GetParam();
    const double fp32 = recordedTop1(name);
    const double b8 = rtnTop1(name, 8), b4 = rtnTop1(name, 4), b3 = rtnTop1(name, 3), b2 = rtnTop1(name, 2);
    std::cout << name << " RTN top-1: 8b " << b8 << ", 4b " << b4 << ", 3b " << b3 << ", 2b " << b2 << "\n";
    EXPECT_NEAR(b8, fp32, 0.3);
    EXPECT_GE(b8 + 0.2, b4);
    EXPECT_GE(b4 + 0.2, b3);
    EXPECT_GT(b3, b2 + 2.0) << "2-bit RTN must lose clearly more than 3-bit";
    EXPECT_LT(b2, fp32 - 5.0);
}

INSTANTIATE_TEST_SUITE_P(Models, DemoAccuracy, ::testing::Values("fmnist_cnn", "fmnist_mobilenet"));

TEST(RtnComparison, ReportsBothAccuraciesAndPerLayerBits)
{
    RtnRequest r;
    r.modelPath = demoModel("fmnist_cnn");
    r.evalDir = evalDir();
    r.bits = {3, 8, {{"conv2", 0}}};
    const RtnReport rep = compareRoundToNearest(r);
    EXPECT_EQ(rep.evalImages, 10000);
    EXPECT_EQ(rep.preprocess.name, "fmnist"); // auto-chosen for a 1-channel model
    EXPECT_EQ(rep.foldedBatchNorms, 3);
    ASSERT_EQ(rep.layers.size(), 5u);
    EXPECT_EQ(rep.layers[0].bits, 8);
    EXPECT_EQ(rep.layers[1].bits, 0);
    EXPECT_EQ(rep.layers[1].weightRelError, 0.0);
    EXPECT_EQ(rep.layers[2].bits, 3);
    EXPECT_GT(rep.layers[2].weightRelError, rep.layers[0].weightRelError);
    EXPECT_NEAR(rep.fp32.top1, recordedTop1("fmnist_cnn"), 0.05);
    EXPECT_LT(rep.rtn.top1, rep.fp32.top1 + 0.3);
}

TEST(RtnComparison, WrongChannelsNamesModelAndFix)
{
    RtnRequest r;
    r.modelPath = demoModel("fmnist_cnn");
    r.evalDir = calibDir();
    r.preprocessName = "imagenet";
    r.bits = {4, 8, {}};
    EXPECT_ERROR_CONTAINS(compareRoundToNearest(r), "fmnist_cnn.pt", "expects 1-channel", "--channels 1");
}

TEST(RtnComparison, WrongImageSizeNamesModel)
{
    RtnRequest r;
    r.modelPath = demoModel("fmnist_cnn");
    r.evalDir = calibDir();
    r.preprocessOverrides.resize = 32; // 32x32 grayscale: conv layers accept it, fc1 does not
    r.bits = {4, 8, {}};
    EXPECT_ERROR_CONTAINS(compareRoundToNearest(r), "fmnist_cnn.pt", "does not accept 1x32x32 images");
}

TEST(RtnComparison, UnknownLayerAndBadBits)
{
    RtnRequest r;
    r.modelPath = demoModel("fmnist_cnn");
    r.evalDir = evalDir();
    r.bits = {4, 8, {{"conv7", 4}}};
    EXPECT_ERROR_CONTAINS(compareRoundToNearest(r), "no layer named 'conv7'");
    r.bits = {1, 8, {}};
    EXPECT_ERROR_CONTAINS(compareRoundToNearest(r), "between 2 and 8");
}

TEST(ChoosePreprocess, AutoReadsTheImageSizeFromAFirstLinearLayer)
{
    const Preprocess p = choosePreprocess("auto", *Model::load(exportedModel("mlp784")));
    EXPECT_EQ(p.name, "fmnist"); // 784 inputs = 1x28x28
    EXPECT_EQ(p.channels, 1);
    EXPECT_EQ(choosePreprocess("auto", *Model::load(demoModel("fmnist_cnn"))).name, "fmnist");
    EXPECT_EQ(choosePreprocess("imagenet", *Model::load(exportedModel("mlp784"))).name, "imagenet"); // as asked
    EXPECT_ERROR_CONTAINS(choosePreprocess("auto", *Model::load(exportedModel("mlp500"))), "mlp500.pt",
                          "Linear with 500 inputs", "--preprocess");
}
