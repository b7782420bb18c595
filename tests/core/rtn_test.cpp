// Round-to-nearest on the demo models, directly and through the RTN job the
// CLI uses, on the small eval set (300 real test images, 30 per class). The
// published FP32 figures on all 10,000 are checked in demo_accuracy_test.cpp.
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

// One image of the small eval set, in percentage points.
constexpr double kOneImage = 100.0 / kSmallEvalImages;

const ImageSet& evalSet()
{
    static const ImageSet set = loadImages(ImageFolder::scan(smallEvalDir()), Preprocess::preset("fmnist"));
    return set;
}

// Top-1 of the BN-folded model, in float (bits 0) or rounded to nearest.
double top1(const std::string& name, int bits)
{
    auto model = Model::load(demoModel(name));
    model->foldBatchNorm();
    if (bits > 0)
        applyRoundToNearest(*model, resolveBits(model->layers(), {bits, 8, {}}), QuantSpec{});
    return evaluate(*model, evalSet()).top1;
}

class DemoAccuracy : public ::testing::TestWithParam<const char*> {};

} // namespace

TEST_P(DemoAccuracy, RoundToNearestDegradesAsBitsFall)
{
    const std::string name = GetParam();
    ASSERT_EQ(evalSet().size(), size_t(kSmallEvalImages));
    const double fp32 = top1(name, 0);
    const double b8 = top1(name, 8), b4 = top1(name, 4), b3 = top1(name, 3), b2 = top1(name, 2);
    std::cout << name << " top-1 on " << kSmallEvalImages << " images: FP32 " << fp32 << ", RTN 8b " << b8
              << ", 4b " << b4 << ", 3b " << b3 << ", 2b " << b2 << "\n";
    EXPECT_GT(fp32, 85.0);
    // 0.3 points (30 images) on the full set; here two images (seen: CNN 0, MobileNet 1).
    EXPECT_NEAR(b8, fp32, 2 * kOneImage + 1e-9);
    EXPECT_GE(b8 + kOneImage + 1e-9, b4);
    EXPECT_GE(b4 + kOneImage + 1e-9, b3);
    EXPECT_GT(b3, b2 + 2.0) << "2-bit RTN must lose clearly more than 3-bit";
    EXPECT_LT(b2, fp32 - 5.0);
}

INSTANTIATE_TEST_SUITE_P(Models, DemoAccuracy, ::testing::Values("fmnist_cnn", "fmnist_mobilenet"));

TEST(RtnComparison, ReportsBothAccuraciesAndPerLayerBits)
{
    RtnRequest r;
    r.modelPath = demoModel("fmnist_cnn");
    r.evalDir = smallEvalDir();
    r.bits = {3, 8, {{"conv2", 0}}};
    const RtnReport rep = compareRoundToNearest(r);
    EXPECT_EQ(rep.evalImages, kSmallEvalImages);
    EXPECT_EQ(rep.preprocess.name, "fmnist"); // auto-chosen for a 1-channel model
    EXPECT_EQ(rep.foldedBatchNorms, 3);
    ASSERT_EQ(rep.layers.size(), 5u);
    EXPECT_EQ(rep.layers[0].bits, 8);
    EXPECT_EQ(rep.layers[1].bits, 0);
    EXPECT_EQ(rep.layers[1].weightRelError, 0.0);
    EXPECT_EQ(rep.layers[2].bits, 3);
    EXPECT_GT(rep.layers[2].weightRelError, rep.layers[0].weightRelError);
    EXPECT_EQ(rep.fp32.top1, top1("fmnist_cnn", 0)); // the same folded model on the same images
    EXPECT_LT(rep.rtn.top1, rep.fp32.top1 + kOneImage);
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
    r.evalDir = smallEvalDir();
    r.bits = {4, 8, {{"conv7", 4}}};
    EXPECT_ERROR_CONTAINS(compareRoundToNearest(r), "no layer named 'conv7'");
    r.bits = {1, 8, {}};
    EXPECT_ERROR_CONTAINS(compareRoundToNearest(r), "between 2 and 8");
}

TEST(RtnComparison, SubsetFolderNeedsTheClassListAndIsScoredWithIt)
{
    // Classes 5-9 only: labelled 0-4 by sorted position they would score ~0 %.
    TempDir dir("rtn-subset");
    const auto classes = ImageFolder::scan(smallEvalDir()).classes();
    for (int i = 5; i < 10; ++i)
        std::filesystem::create_directory_symlink(std::filesystem::path(smallEvalDir()) / classes[size_t(i)],
                                                  dir / classes[size_t(i)]);
    RtnRequest r;
    r.modelPath = demoModel("fmnist_cnn");
    r.evalDir = dir.path();
    r.bits = {4, 8, {}};
    EXPECT_ERROR_CONTAINS(compareRoundToNearest(r), "5 class folders", "has 10 outputs", "--classes");
    r.classNames = classes;
    const RtnReport rep = compareRoundToNearest(r);
    EXPECT_EQ(rep.evalImages, kSmallEvalImages / 2);
    EXPECT_EQ(rep.classes.evalClasses, (std::vector<int>{5, 6, 7, 8, 9}));
    EXPECT_EQ(rep.classes.source, kClassSourceList);
    EXPECT_GT(rep.fp32.top1, 70.0);
    r.classNames[9] = "9_Boot";
    EXPECT_ERROR_CONTAINS(compareRoundToNearest(r), "'9_Ankle_boot'", "is not one of the 10 classes");
    r.classNames = classes;
    r.classNames.erase(r.classNames.begin()); // 9 names (1-9) for 10 outputs
    EXPECT_ERROR_CONTAINS(compareRoundToNearest(r), "has 10 outputs", "names 9 classes");
}

