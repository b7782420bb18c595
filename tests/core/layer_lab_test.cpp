// The layer lab on the demo CNN and the real Fashion-MNIST folders: an attempt
// in a stored run's context with the run's settings and seed is that run's
// layer (the same rounding, the same figures); in the rtn context the first
// layer is the run's first layer; attempts reuse one capture, are seeded, and
// follow their knobs (bits, overrides); the references are consistent; bad
// requests are refused with a message naming what to fix.
#include "adaround/adaround_run.h"
#include "adaround/layer_lab.h"
#include "adaround/layer_overrides.h"
#include "adaround/model.h"
#include "adaround/run_record.h"
#include "test_support.h"

using namespace adaround;
using namespace testsupport;

namespace {

AdaRoundConfig smallConfig()
{
    AdaRoundConfig c;
    c.modelPath = demoModel("fmnist_cnn");
    c.calibDir = calibDir();
    c.evalDir = smallEvalDir();
    c.calibSize = 128;
    c.evalSubset = 200;
    c.iterations = 150;
    c.histogramInterval = 50;
    c.bits.defaultBits = 3;
    c.seed = 11;
    c.threads = 2;
    return c;
}

struct Quiet : RunObserver {
    void onEvent(const RunEvent&) override {}
};

RunRecord runWhole(const AdaRoundConfig& c)
{
    RunRecorder recorder;
    RunControl control;
    AdaRoundRun(c).run(recorder, control);
    return recorder.take();
}

std::unique_ptr<LayerLab> openLab(const LabRequest& r, std::string* error)
{
    Quiet quiet;
    RunControl control;
    return LayerLab::open(r, quiet, control, error);
}

std::unique_ptr<LayerLab> openLab(const LabRequest& r)
{
    std::string error;
    auto lab = openLab(r, &error);
    EXPECT_TRUE(lab) << error;
    return lab;
}

LabAttempt attempt(LayerLab& lab, const AdaRoundConfig& knobs)
{
    Quiet quiet;
    RunControl control;
    return lab.attempt(knobs, quiet, control);
}

void expectSameLayer(const LabAttempt& a, const LayerFinished& l, const QuantizedLayer& w)
{
    ASSERT_TRUE(a.error.empty()) << a.error;
    EXPECT_EQ(a.summary.name, l.name);
    EXPECT_EQ(a.summary.bits, l.bits);
    EXPECT_EQ(a.weights.codes, w.codes);
    EXPECT_EQ(a.weights.roundedUp, w.roundedUp);
    EXPECT_DOUBLE_EQ(a.summary.recMseRtn, l.recMseRtn);
    EXPECT_DOUBLE_EQ(a.summary.recMseSoft, l.recMseSoft);
    EXPECT_DOUBLE_EQ(a.summary.recMseHard, l.recMseHard);
    EXPECT_DOUBLE_EQ(a.summary.flippedShare, l.flippedShare);
    EXPECT_DOUBLE_EQ(a.summary.settledShare, l.settledShare);
    EXPECT_EQ(a.summary.keptRtn, l.keptRtn);
}

} // namespace

TEST(LayerLab, AttemptInARunsContextIsThatRunsLayer)
{
    const AdaRoundConfig c = smallConfig();
    const RunRecord run = runWhole(c);
    ASSERT_TRUE(run.finished.has_value()) << run.error;
    ASSERT_GE(run.layers.size(), 3u);
    // A middle layer: its x^ comes from the run's own roundings of the layers before it.
    const LayerFinished& layer = run.layers[2];
    LabRequest r;
    r.config = c;
    r.layer = layer.name;
    r.context = LabContext::Run;
    r.runWeights = run.weights;
    const auto lab = openLab(r);
    ASSERT_TRUE(lab);
    EXPECT_DOUBLE_EQ(lab->setup().recMseRtn, layer.recMseRtn);
    EXPECT_EQ(lab->setup().calibImages, 128);
    EXPECT_EQ(lab->setup().evalImages, 200);
    const LabAttempt a = attempt(*lab, c);
    expectSameLayer(a, layer, run.weights[2]);
    EXPECT_EQ(int(a.stats.back().iteration), c.iterations);
    EXPECT_EQ(a.histograms.size(), size_t(c.iterations / c.histogramInterval + 1));
    // With the run's rounding everywhere the context model is the run's
    // quantized model: its top-1 on the curve's images is the curve's last point.
    EXPECT_EQ(a.accuracy.count, 200);
    EXPECT_DOUBLE_EQ(a.accuracy.top1, run.progress.back().adaroundTop1);
    ASSERT_TRUE(run.baseline.has_value());
    EXPECT_DOUBLE_EQ(lab->setup().fp32.top1, run.baseline->fp32.top1);

    // The first layer has no prefix: in the rtn context it is the run's first layer too.
    r.layer = run.layers[0].name;
    r.context = LabContext::Rtn;
    r.runWeights.clear();
    const auto first = openLab(r);
    ASSERT_TRUE(first);
    expectSameLayer(attempt(*first, c), run.layers[0], run.weights[0]);
}

TEST(LayerLab, AttemptsReuseTheCaptureAndFollowTheirKnobs)
{
    AdaRoundConfig c = smallConfig();
    LabRequest r;
    r.config = c;
    r.layer = "conv2";
    r.context = LabContext::Rtn;
    const auto lab = openLab(r);
    ASSERT_TRUE(lab);
    const LabAttempt base = attempt(*lab, c);
    const LabAttempt again = attempt(*lab, c);
    EXPECT_EQ(base.weights.codes, again.weights.codes); // seeded: the same attempt twice is the same
    EXPECT_DOUBLE_EQ(base.summary.recMseHard, again.summary.recMseHard);

    AdaRoundConfig other = c;
    setLayerOverride(other, "conv2", "bits", std::string("2"));
    setLayerOverride(other, "conv2", "lambda", std::string("0.1"));
    setLayerOverride(other, "conv2", "iterations", std::string("100"));
    const LabAttempt changed = attempt(*lab, other);
    ASSERT_TRUE(changed.error.empty()) << changed.error;
    EXPECT_EQ(changed.summary.bits, 2);
    EXPECT_EQ(changed.weights.grid.bits, 2);
    EXPECT_EQ(changed.stats.back().iteration, 100);
    EXPECT_GT(changed.summary.recMseRtn, base.summary.recMseRtn); // 2 bits lose more than 3
    // The references: nearest at the plan's bits, measured once at opening;
    // the rtn context with the layer at nearest is the whole plan at nearest.
    const RunRecord run = runWhole(c);
    ASSERT_TRUE(run.baseline.has_value());
    EXPECT_DOUBLE_EQ(lab->setup().rtn.top1, run.baseline->rtn.top1);
    EXPECT_DOUBLE_EQ(lab->setup().recMseRtn, base.summary.recMseRtn);
    EXPECT_EQ(lab->setup().bits, 3);
    EXPECT_GT(lab->setup().fp32.top1, lab->setup().rtn.top1 - 5.0);
    EXPECT_EQ(lab->setup().rtn.count, 200);
}

TEST(LayerLab, Fp32ContextQuantizesTheLayerAlone)
{
    AdaRoundConfig c = smallConfig();
    c.bits.defaultBits = 2;
    LabRequest r;
    r.config = c;
    r.layer = "conv1";
    r.context = LabContext::Fp32;
    const auto lab = openLab(r);
    ASSERT_TRUE(lab);
    const LabSetup& s = lab->setup();
    EXPECT_DOUBLE_EQ(s.fp32.top1, s.context.top1); // every other layer in float: the FP32 model
    const LabAttempt a = attempt(*lab, c);
    ASSERT_TRUE(a.error.empty()) << a.error;
    // RTN is kept where AdaRound's hard rounding is worse (as in a run).
    EXPECT_EQ(a.summary.keptRtn, a.summary.recMseHard > a.summary.recMseRtn);
    EXPECT_EQ(a.accuracy.count, s.evalImages);
    for (size_t j = 0; j < s.started.bits.size(); ++j)
        EXPECT_EQ(s.started.bits[j] > 0, int(j) == s.layerIndex);
}

TEST(LayerLab, BadRequestsAreRefusedNamingWhatToFix)
{
    LabRequest r;
    r.config = smallConfig();
    r.layer = "conv9";
    std::string error;
    EXPECT_FALSE(openLab(r, &error));
    EXPECT_NE(error.find("no layer named 'conv9'"), std::string::npos) << error;
    EXPECT_NE(error.find("conv1"), std::string::npos) << error; // the names there are

    r.layer = "conv2";
    r.config.bits.overrides.emplace_back("conv2", 0);
    EXPECT_FALSE(openLab(r, &error));
    EXPECT_NE(error.find("left in float"), std::string::npos) << error;

    // A stored run that never reached the layers before this one.
    r.config = smallConfig();
    r.layer = "conv3";
    r.context = LabContext::Run;
    r.runWeights = {};
    EXPECT_FALSE(openLab(r, &error));
    EXPECT_NE(error.find("has no rounding of conv1"), std::string::npos) << error;

    // Cancelled while capturing: no lab, no message.
    Quiet quiet;
    RunControl control;
    control.cancel();
    r.context = LabContext::Rtn;
    EXPECT_FALSE(LayerLab::open(r, quiet, control, &error));
    EXPECT_EQ(error, "");
}
