// The memory plan's arithmetic and its refusal: what is counted, and the
// calibration size it proposes fits the budget it was refused under.
#include "adaround/memory_plan.h"

#include <gtest/gtest.h>

using namespace adaround;

namespace {

// ResNet-18 at 224x224: 1.6 MB live at the widest cut (two 64x56x56 tensors).
MemoryPlan resnet18Like(int64_t calib, int64_t curve, int64_t budgetMiB)
{
    MemoryPlan p;
    p.calibImages = calib;
    p.curveImages = curve;
    p.evalBatch = 106;
    p.widestLayer = "layer1.0.conv2";
    p.cutBytesPerImage = 2 * 64 * 56 * 56 * 4;
    p.imageBytes = 3 * 224 * 224 * 4;
    p.calibImageBytes = calib * p.imageBytes;
    p.cutBytes = 2 * p.cutBytesPerImage * calib;
    p.targetBytesPerImage = 64 * 56 * 56 * 4;
    p.targetBytes = p.targetBytesPerImage * calib;
    p.curveBytes = 2 * p.cutBytesPerImage * curve;
    p.evalBytes = 4 * p.evalBatch * p.imageBytes;
    p.modelBytes = 3 * 46'800'000;
    p.budget = budgetMiB << 20;
    return p;
}

} // namespace

TEST(MemoryPlan, CountsTheLargerOfImagesAndCutStatesWithTheCurveAndEvalBatches)
{
    const MemoryPlan p = resnet18Like(120, 50, 4096);
    EXPECT_EQ(p.cachedBytes(), p.cutBytes + p.targetBytes + p.curveBytes + p.evalBytes); // they outweigh the images
    EXPECT_EQ(p.totalBytes(), p.cachedBytes() + p.modelBytes);
    EXPECT_TRUE(p.fits());
    const std::string text = p.describe();
    for (const char* part : {"budget 4,096 MiB", "before layer1.0.conv2", "120 images", "50 eval images", "fits"})
        EXPECT_NE(text.find(part), std::string::npos) << part << " in:\n" << text;
}

TEST(MemoryPlan, TheRefusalNamesACalibrationSizeThatFits)
{
    const MemoryPlan p = resnet18Like(1024, 500, 2048);
    ASSERT_FALSE(p.fits());
    const int64_t most = p.maxCalibImages();
    ASSERT_GT(most, 0);
    ASSERT_LT(most, 1024);
    const std::string why = p.refusal();
    EXPECT_NE(why.find("--calib-size " + std::to_string(most)), std::string::npos) << why;
    EXPECT_NE(why.find("--eval-subset"), std::string::npos) << why;
    EXPECT_NE(why.find("over the 2,048 MiB budget"), std::string::npos) << why;
    EXPECT_TRUE(resnet18Like(most, 500, 2048).fits());
    EXPECT_FALSE(resnet18Like(most + 1, 500, 2048).fits());
}

TEST(MemoryPlan, MebibytesAreRoundedAndGrouped)
{
    EXPECT_EQ(mebibytes(0), "0 MiB");
    EXPECT_EQ(mebibytes(int64_t(1) << 19), "1 MiB");
    EXPECT_EQ(mebibytes(int64_t(4096) << 20), "4,096 MiB");
    EXPECT_EQ(mebibytes(int64_t(1234567) << 20), "1,234,567 MiB");
}
