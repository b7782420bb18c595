// The whole AdaRound pipeline on the demo models and the real Fashion-MNIST
// folders (the small eval set: 300 test images, 30 per class; one image is a
// third of a percentage point): accuracy against FP32 and round-to-nearest,
// the per-layer reconstruction error, the event stream, cancellation, and bad
// settings.
#include "adaround/accuracy.h"
#include "adaround/adaround_run.h"
#include "adaround/error.h"
#include "adaround/image_folder.h"
#include "adaround/model.h"
#include "adaround/overloaded.h"
#include "run_test_events.h"
#include "test_support.h"

#include <atomic>
#include <chrono>
#include <thread>

using namespace adaround;
using namespace testsupport;
using namespace runtest;

namespace {

// One image of the small eval set, in percentage points.
constexpr double kOneImage = 100.0 / kSmallEvalImages;

// FP32 top-1 of the BN-folded demo model on the small eval set, outside the run.
double foldedFp32Top1(const std::string& model)
{
    auto m = Model::load(demoModel(model));
    m->foldBatchNorm();
    return evaluate(*m, loadImages(ImageFolder::scan(smallEvalDir()), Preprocess::preset("fmnist"))).top1;
}

// The keep-RTN fallback alone guarantees that no layer ends worse than
// round-to-nearest; AdaRound must do more: at least MIN_KEPT layers optimised
// with their AdaRound rounding kept, and at least MIN_CLEARLY of those with a
// hard-rounded output error below RATIO times RTN's.
void expectAdaRoundBeatsNearestPerLayer(const RunResult& r, int minKept, int minClearly, double ratio)
{
    int kept = 0, clearly = 0;
    for (const auto& l : r.layers) {
        std::cout << "  " << l.name << ": rec MSE RTN " << l.recMseRtn << ", hard " << l.recMseHard
                  << (l.keptRtn ? " (kept RTN)" : "") << (l.optimised ? "" : " (not optimised)") << "\n";
        if (!l.optimised || l.keptRtn)
            continue;
        ++kept;
        if (l.recMseHard < ratio * l.recMseRtn)
            ++clearly;
    }
    EXPECT_GE(kept, minKept) << "layers optimised whose AdaRound rounding was kept";
    EXPECT_GE(clearly, minClearly) << "layers whose hard rec MSE is below " << ratio << " x RTN's";
}

} // namespace

TEST(AdaRoundRun, TwoBitsBeatsNearestClearlyOnTheCompactCnn)
{
    EventLog log;
    const RunResult r = runDemo(demoConfig("fmnist_cnn", 2, 1000), log);
    ASSERT_EQ(r.end, RunEnd::Completed) << r.error;
    std::cout << "fmnist_cnn 2-bit: FP32 " << r.final.fp32.top1 << ", RTN " << r.final.rtn.top1 << ", AdaRound "
              << r.final.adaround.top1 << "\n";
    EXPECT_NEAR(r.final.fp32.top1, foldedFp32Top1("fmnist_cnn"), 1e-9);
    EXPECT_GT(r.final.adaround.top1, r.final.rtn.top1 + 5.0);
    // Seen: all 5 kept; hard/RTN 0.83, 0.30, 0.42, 0.35, 0.93.
    expectAdaRoundBeatsNearestPerLayer(r, 4, 3, 0.5);
    // The event stream: one start/finish, every layer started and finished.
    EXPECT_EQ(log.started, 1);
    EXPECT_EQ(log.finished, 1);
    EXPECT_EQ(log.layerStarts, 5);
    EXPECT_EQ(log.layerEnds, 5);
    EXPECT_EQ(log.baselines, 1);
    EXPECT_EQ(log.accuracies, 1 + 5); // the curve's start, then one per layer
    EXPECT_EQ(log.iterations, 5 * 1000 / 50);
    EXPECT_EQ(log.histograms, 5 * (1 + 1000 / 200));
    ASSERT_EQ(r.quantized.size(), 5u);
    EXPECT_EQ(r.quantized[1].grid.bits, 2);
    for (uint8_t code : r.quantized[1].codes)
        EXPECT_LE(code, 3);
}

TEST(AdaRoundRun, TwoBitsBeatsNearestClearlyOnTheMobileNet)
{
    // Depthwise convs, ReLU6 and residual adds; 500 iterations and 256
    // calibration images keep CI short (at 250 iterations AdaRound reaches only
    // 28% against RTN's 18%, and this test fails).
    EventLog log;
    AdaRoundConfig c = demoConfig("fmnist_mobilenet", 2, 500);
    c.evalSubset = 0;
    c.calibSize = 256;
    const RunResult r = runDemo(c, log);
    ASSERT_EQ(r.end, RunEnd::Completed) << r.error;
    std::cout << "fmnist_mobilenet 2-bit: FP32 " << r.final.fp32.top1 << ", RTN " << r.final.rtn.top1
              << ", AdaRound " << r.final.adaround.top1 << "\n";
    EXPECT_GT(r.final.adaround.top1, r.final.rtn.top1 + 20.0);
    EXPECT_EQ(r.layers.size(), 18u);
    // Seen (256 images): top-1 FP32 93.7, RTN 18.0, AdaRound 75.0; all 18 layers
    // kept, hard/RTN from 0.61 to 0.99, 13 of them below 0.9.
    expectAdaRoundBeatsNearestPerLayer(r, 16, 10, 0.9);
}

TEST(AdaRoundRun, EightBitsStaysWithinAFewTenthsOfFp32)
{
    for (const char* model : {"fmnist_cnn", "fmnist_mobilenet"}) {
        EventLog log;
        AdaRoundConfig c = demoConfig(model, 8, 200);
        c.evalSubset = 0;
        c.calibSize = 128; // enough at 8 bits; capturing 18 layers' inputs on 1,024 images dominated
        const RunResult r = runDemo(c, log);
        ASSERT_EQ(r.end, RunEnd::Completed) << r.error;
        // Within one image of FP32 and of RTN (0.3 and 0.2 points on the full set).
        EXPECT_NEAR(r.final.adaround.top1, r.final.fp32.top1, kOneImage + 1e-9) << model;
        EXPECT_GE(r.final.adaround.top1, r.final.rtn.top1 - kOneImage - 1e-9) << model;
    }
}

TEST(AdaRoundRun, SameSeedSameRoundingEndToEnd)
{
    EventLog log;
    AdaRoundConfig c = demoConfig("fmnist_cnn", 3, 100);
    c.evalSubset = 0;
    const RunResult a = runDemo(c, log), b = runDemo(c, log);
    ASSERT_EQ(a.quantized.size(), b.quantized.size());
    for (size_t i = 0; i < a.quantized.size(); ++i)
        EXPECT_EQ(a.quantized[i].codes, b.quantized[i].codes) << a.quantized[i].name;
    EXPECT_EQ(a.final.adaround.top1, b.final.adaround.top1);
}

TEST(AdaRoundRun, PauseHoldsTheRunUntilResumed)
{
    struct Pauser : EventLog {
        RunControl* ctl = nullptr;
        int iterationsWhilePaused = 0;
        std::atomic<bool> paused{false};
        void onEvent(const RunEvent& event) override
        {
            EventLog::onEvent(event);
            const auto* e = std::get_if<IterationStats>(&event);
            if (!e)
                return;
            if (paused)
                ++iterationsWhilePaused;
            if (e->layer == 1 && e->iteration == 50 && !paused) {
                paused = true;
                ctl->setPaused(true);
                // Resume from another thread after a moment; nothing may run meanwhile.
                std::thread([this] {
                    std::this_thread::sleep_for(std::chrono::milliseconds(300));
                    paused = false;
                    ctl->setPaused(false);
                }).detach();
            }
        }
    } log;
    RunControl control;
    log.ctl = &control;
    AdaRoundConfig c = demoConfig("fmnist_cnn", 4, 100);
    c.evalSubset = 0;
    AdaRoundRun run(c);
    const auto start = std::chrono::steady_clock::now();
    const RunResult r = run.run(log, control);
    EXPECT_EQ(r.end, RunEnd::Completed) << r.error;
    EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(300));
    EXPECT_EQ(log.iterationsWhilePaused, 0);
}

TEST(AdaRoundRun, CancelReportsCompletedLayers)
{
    EventLog log;
    log.cancelAfterLayers = 2;
    const RunResult r = runDemo(demoConfig("fmnist_cnn", 4, 100), log);
    EXPECT_EQ(r.end, RunEnd::Cancelled);
    EXPECT_EQ(log.cancelled, 2);
    EXPECT_EQ(r.layers.size(), 2u);
    EXPECT_EQ(log.finished, 0);
}

TEST(AdaRoundRun, CancelDuringTheFinalEvaluationStopsIt)
{
    EventLog log;
    log.cancelAfterLayers = 5; // every layer of fmnist_cnn: the cancel arrives as the final evaluation starts
    AdaRoundConfig c = demoConfig("fmnist_cnn", 4, 20);
    c.evalSubset = 0;
    c.calibSize = 256;
    const RunResult r = runDemo(c, log);
    EXPECT_EQ(r.end, RunEnd::Cancelled);
    EXPECT_EQ(log.cancelled, 5);
    EXPECT_EQ(log.finished, 0);
}

TEST(AdaRoundRun, RtnOnlyLayersAreNotOptimised)
{
    EventLog log;
    AdaRoundConfig c = demoConfig("fmnist_cnn", 4, 50);
    c.rtnOnlyLayers = {"fc1"};
    c.evalSubset = 0;
    const RunResult r = runDemo(c, log);
    ASSERT_EQ(r.end, RunEnd::Completed) << r.error;
    EXPECT_FALSE(r.layers[3].optimised);
    EXPECT_TRUE(r.layers[2].optimised);
    EXPECT_EQ(log.accuracies, 0);
}

TEST(AdaRoundRun, BadSettingsFailWithAClearMessage)
{
    EventLog log;
    AdaRoundConfig c = demoConfig("fmnist_cnn", 4, 10);
    c.batchSize = 2000;
    c.calibSize = 4000;
    RunResult r = runDemo(c, log);
    EXPECT_EQ(r.end, RunEnd::Failed);
    EXPECT_NE(r.error.find("fewer than the batch size 2000"), std::string::npos) << r.error;
    EXPECT_EQ(log.failed, r.error);

    c = demoConfig("fmnist_cnn", 4, 10);
    c.rtnOnlyLayers = {"conv9"};
    r = runDemo(c, log);
    EXPECT_NE(r.error.find("no layer named 'conv9'"), std::string::npos) << r.error;

    c = demoConfig("fmnist_cnn", 4, 10);
    c.modelPath = exportedModel("nan_weights");
    r = runDemo(c, log);
    EXPECT_NE(r.error.find("NaN"), std::string::npos) << r.error;
    EXPECT_NE(r.error.find("conv"), std::string::npos) << r.error;
    EXPECT_TRUE(r.quantized.empty());

    c = demoConfig("fmnist_cnn", 4, 10);
    c.memoryBudget = 1 << 20;
    r = runDemo(c, log);
    EXPECT_NE(r.error.find("budget"), std::string::npos) << r.error;
}

TEST(AdaRoundRun, ActivationQuantizationIsInTheLoop)
{
    // 8-bit weights everywhere, so what changes between the two runs is the
    // 4-bit activations: they must show in the grids, in x^ (RTN's rec error)
    // and in the accuracy of both quantized models.
    AdaRoundConfig c = demoConfig("fmnist_cnn", 8, 100);
    c.evalSubset = 0;
    EventLog log;
    const RunResult weightsOnly = runDemo(c, log);
    c.actBits = 4;
    const RunResult withActs = runDemo(c, log);
    ASSERT_EQ(weightsOnly.end, RunEnd::Completed) << weightsOnly.error;
    ASSERT_EQ(withActs.end, RunEnd::Completed) << withActs.error;

    const auto& grids = withActs.started.activationGrids;
    ASSERT_EQ(grids.size(), 5u);
    EXPECT_TRUE(weightsOnly.started.activationGrids.empty());
    EXPECT_GT(grids[0].zeroPoint, 0);      // the normalised image has negative values
    for (size_t k = 1; k < grids.size(); ++k) {
        EXPECT_EQ(grids[k].layer, int(k));
        EXPECT_EQ(grids[k].zeroPoint, 0); // after ReLU (and pooling): nothing below zero
        EXPECT_EQ(grids[k].bits, 4);
        EXPECT_GT(grids[k].scale, 0.0);
    }
    for (size_t k = 1; k < 5; ++k)
        EXPECT_GT(withActs.layers[k].recMseRtn, 2.0 * weightsOnly.layers[k].recMseRtn) << withActs.layers[k].name;
    EXPECT_EQ(withActs.final.fp32.top1, weightsOnly.final.fp32.top1);
    EXPECT_LE(withActs.final.rtn.top1, weightsOnly.final.rtn.top1 - kOneImage + 1e-9); // at least one image lost
    EXPECT_GE(withActs.final.adaround.top1, withActs.final.rtn.top1 - kOneImage - 1e-9);
    std::cout << "fmnist_cnn W8A4, 100 it: RTN " << withActs.final.rtn.top1 << ", AdaRound "
              << withActs.final.adaround.top1 << " (W8 only: RTN " << weightsOnly.final.rtn.top1 << ")\n";
}
