// The objective cost model and `--objective auto`'s choice on the shapes of real
// layers (the demo CNN and MobileNet, torchvision resnet18 at 224x224).
#include "adaround/knobs.h"
#include "adaround/objective_cost.h"

#include <gtest/gtest.h>

using namespace adaround;

namespace {

LayerInfo conv(int64_t cin, int64_t cout, int64_t k, int64_t stride, Activation act, int64_t groups = 1)
{
    LayerInfo l;
    l.kind = LayerKind::Conv2d;
    l.weightShape = {cout, cin / groups, k, k};
    l.groups = groups;
    l.stride = {stride, stride};
    l.padding = {k / 2, k / 2};
    l.dilation = {1, 1};
    l.activation = act;
    return l;
}

LayerInfo linear(int64_t in, int64_t out, Activation act)
{
    LayerInfo l;
    l.kind = LayerKind::Linear;
    l.weightShape = {out, in};
    l.activation = act;
    return l;
}

Objective autoChoice(const LayerInfo& l, const std::vector<int64_t>& input, int iterations, int batch = 32)
{
    AdaRoundConfig c;
    c.objective = Objective::Auto;
    c.iterations = iterations;
    c.batchSize = batch;
    return chooseObjective(l, layerWork(l, input), c);
}

} // namespace

TEST(ObjectiveCost, LayerWorkFromTheInputShape)
{
    // resnet18 layer2.0.downsample: 1x1 stride 2 on 64x56x56.
    const LayerWork ds = layerWork(conv(64, 128, 1, 2, Activation::None), {120, 64, 56, 56});
    EXPECT_TRUE(ds.convolution);
    EXPECT_EQ(ds.samples, 120);
    EXPECT_EQ(ds.positions, 28 * 28);
    EXPECT_EQ(ds.outChannels, 128);
    EXPECT_EQ(ds.patch, 64);
    EXPECT_EQ(ds.inputPerSample, 64 * 56 * 56);
    // A 3x3 depthwise conv, padding 1: as many positions as pixels, 9 weights per channel.
    const LayerWork dw = layerWork(conv(96, 96, 3, 1, Activation::ReLU6, 96), {256, 96, 14, 14});
    EXPECT_EQ(dw.positions, 14 * 14);
    EXPECT_EQ(dw.patch, 9);
    EXPECT_EQ(dw.groups, 96);
    const LayerWork fc = layerWork(linear(128, 10, Activation::None), {1024, 128});
    EXPECT_FALSE(fc.convolution);
    EXPECT_EQ(fc.positions, 1);
    EXPECT_EQ(fc.patch, 128);
    // Token-wise: every token a position.
    EXPECT_EQ(layerWork(linear(64, 32, Activation::None), {8, 49, 64}).positions, 49);
}

TEST(ObjectiveCost, MomentsAreOneOffAndStepsScaleWithIterations)
{
    const LayerWork w = layerWork(conv(64, 128, 1, 2, Activation::None), {120, 64, 56, 56});
    const ObjectiveCost a = objectiveCost(w, 100, 32), b = objectiveCost(w, 1000, 32);
    EXPECT_DOUBLE_EQ(a.exactMoments, b.exactMoments);
    EXPECT_DOUBLE_EQ(b.paper(), 10 * a.paper());
    EXPECT_NEAR(b.exact() - b.exactMoments, 10 * (a.exact() - a.exactMoments), 1e-12);
    // The moments grow with the calibration set, the minibatch step does not.
    const LayerWork twice = layerWork(conv(64, 128, 1, 2, Activation::None), {240, 64, 56, 56});
    EXPECT_GT(objectiveCost(twice, 100, 32).exactMoments, 1.9 * a.exactMoments);
    EXPECT_DOUBLE_EQ(objectiveCost(twice, 100, 32).paperStep, a.paperStep);
    // The minibatch step grows with the batch (up to the calibration set).
    EXPECT_GT(objectiveCost(w, 100, 64).paperStep, 1.9 * a.paperStep);
    EXPECT_DOUBLE_EQ(objectiveCost(w, 100, 4096).paperStep, objectiveCost(w, 100, 120).paperStep);
}

TEST(ObjectiveCost, AutoIsExactOnlyWithoutAnActivationAndWhenCheaper)
{
    // resnet18's downsample convs (no activation before the add): a minibatch step costs
    // ~B P out d, an exact step out d^2, so exact pays once its moments are amortised.
    for (const auto& [cin, hw] : {std::pair{64, 56}, {128, 28}, {256, 14}}) {
        const LayerInfo ds = conv(cin, 2 * cin, 1, 2, Activation::None);
        EXPECT_EQ(autoChoice(ds, {120, cin, hw, hw}, 1), Objective::Paper) << cin;
        EXPECT_EQ(autoChoice(ds, {120, cin, hw, hw}, 100), Objective::Exact) << cin;
        EXPECT_EQ(autoChoice(ds, {120, cin, hw, hw}, 10000), Objective::Exact) << cin;
        // The same conv followed by a ReLU: exact would drop it.
        EXPECT_EQ(autoChoice(conv(cin, 2 * cin, 1, 2, Activation::ReLU), {120, cin, hw, hw}, 10000),
                  Objective::Paper);
    }
    // The demo MobileNet's first 1x1 projection (32 -> 16 at 28x28): exact from a few
    // hundred iterations on 1,024 images, earlier on fewer.
    const LayerInfo proj = conv(32, 16, 1, 1, Activation::None);
    EXPECT_EQ(autoChoice(proj, {1024, 32, 28, 28}, 100), Objective::Paper);
    EXPECT_EQ(autoChoice(proj, {1024, 32, 28, 28}, 2000), Objective::Exact);
    EXPECT_EQ(autoChoice(proj, {256, 32, 28, 28}, 300), Objective::Exact);
    // A small head (128 -> 10, the demo CNN's fc2; 512 -> 10, resnet18's fc for 10
    // classes): a minibatch step is cheaper than W E[x x^T] at any iteration count.
    for (int iterations : {1, 100, 10000, 1000000}) {
        EXPECT_EQ(autoChoice(linear(128, 10, Activation::None), {1024, 128}, iterations), Objective::Paper);
        EXPECT_EQ(autoChoice(linear(512, 10, Activation::None), {120, 512}, iterations), Objective::Paper);
    }
    // ... unless the minibatch is large.
    EXPECT_EQ(autoChoice(linear(128, 10, Activation::None), {1024, 128}, 10000, 1024), Objective::Exact);
    // The demo CNN's ReLU layers never.
    EXPECT_EQ(autoChoice(conv(16, 32, 3, 1, Activation::ReLU), {1024, 16, 14, 14}, 10000), Objective::Paper);
    EXPECT_EQ(autoChoice(linear(1568, 128, Activation::ReLU), {1024, 1568}, 10000), Objective::Paper);
}

TEST(ObjectiveCost, ExplicitObjectivesAreKept)
{
    AdaRoundConfig c;
    const LayerInfo relu = conv(16, 32, 3, 1, Activation::ReLU);
    const LayerWork w = layerWork(relu, {1024, 16, 14, 14});
    EXPECT_EQ(chooseObjective(relu, w, c), Objective::Paper);
    c.objective = Objective::Exact; // as asked, even where it drops the activation
    EXPECT_EQ(chooseObjective(relu, w, c), Objective::Exact);
}

TEST(ObjectiveCost, AutoIsAKnobChoiceAndNotTheDefault)
{
    const Knob& k = *findKnob("objective");
    EXPECT_EQ(k.choices, (std::vector<std::string>{"paper", "exact", "auto"}));
    EXPECT_EQ(std::get<std::string>(k.defaultValue()), "paper");
    AdaRoundConfig c;
    k.set(c, parseKnobValue(k, "auto"));
    EXPECT_EQ(c.objective, Objective::Auto);
    EXPECT_EQ(toString(c.objective), "auto");
    EXPECT_THROW(parseKnobValue(k, "fastest"), std::exception);
}
