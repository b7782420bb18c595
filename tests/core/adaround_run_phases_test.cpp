// The phases of an AdaRound run on the demo: progress events for loading,
// capture, optimisation and evaluation, cancel within one unit of each, and
// the memory plan, checked before anything is loaded.
#include "run_test_events.h"

using namespace adaround;
using namespace testsupport;
using namespace runtest;

TEST(AdaRoundRun, CancelDuringImageLoadingStopsBeforeTheRunStarts)
{
    EventLog log;
    log.cancelOnPhase = true;
    log.cancelInPhase = RunPhase::Loading; // at the first chunk of calibration images
    const RunResult r = runDemo(demoConfig("fmnist_cnn", 4, 20), log);
    EXPECT_EQ(r.end, RunEnd::Cancelled) << r.error;
    EXPECT_EQ(log.started, 0); // stopped before the run proper began
    EXPECT_EQ(log.phases[RunPhase::Loading], 1); // the next chunk never came
    EXPECT_EQ(log.phases[RunPhase::Capturing], 0);
}

TEST(AdaRoundRun, CancelDuringCaptureStopsBeforeTheFirstLayer)
{
    EventLog log;
    log.cancelOnPhase = true;
    log.cancelInPhase = RunPhase::Capturing;
    const RunResult r = runDemo(demoConfig("fmnist_cnn", 4, 20), log);
    EXPECT_EQ(r.end, RunEnd::Cancelled) << r.error;
    EXPECT_EQ(log.started, 1);
    EXPECT_EQ(log.layerStarts, 0);
    EXPECT_EQ(log.cancelled, 0);
    EXPECT_EQ(log.phases[RunPhase::Capturing], 1); // within one chunk
}

TEST(AdaRoundRun, CancelDuringTheFinalEvaluationBatchesStopsThem)
{
    EventLog log;
    log.cancelOnPhase = true;
    log.cancelInPhase = RunPhase::Evaluating;
    log.cancelAfterLayers = 5; // only once every layer is done: the final evaluation
    AdaRoundConfig c = demoConfig("fmnist_cnn", 4, 20);
    c.evalSubset = 0;
    c.calibSize = 256;
    c.evalDir = evalDir(); // 10,000 images: many batches
    const RunResult r = runDemo(c, log);
    EXPECT_EQ(r.end, RunEnd::Cancelled) << r.error;
    EXPECT_EQ(log.cancelled, 5);
    EXPECT_EQ(log.finished, 0);
    EXPECT_LE(log.phases[RunPhase::Evaluating], 2);
}

TEST(AdaRoundRun, ReportsEveryPhaseAndItsPlan)
{
    EventLog log;
    AdaRoundConfig c = demoConfig("fmnist_cnn", 4, 20);
    const RunResult r = runDemo(c, log);
    ASSERT_EQ(r.end, RunEnd::Completed) << r.error;
    for (RunPhase p : {RunPhase::Loading, RunPhase::Capturing, RunPhase::Optimising, RunPhase::Evaluating})
        EXPECT_GT(log.phases[p], 0) << toString(p);
    const MemoryPlan& plan = r.started.memory;
    EXPECT_EQ(plan.calibImages, 1024);
    EXPECT_EQ(plan.curveImages, 200);
    EXPECT_EQ(plan.imageBytes, 28 * 28 * 4);
    // conv1: its input (1x28x28) in both models and its 16x28x28 outputs peak
    // above conv2's 16x14x14 inputs and 32x14x14 outputs.
    EXPECT_EQ(plan.widestLayer, "conv1");
    EXPECT_EQ(plan.cutBytesPerImage, 28 * 28 * 4);
    EXPECT_EQ(plan.targetBytesPerImage, 16 * 28 * 28 * 4);
    EXPECT_EQ(plan.cachedBytes(), plan.cutBytes + plan.targetBytes + plan.curveBytes + plan.evalBytes);
    EXPECT_TRUE(plan.fits());
}

TEST(AdaRoundRun, AMemoryPlanOverTheBudgetIsRefusedBeforeLoadingWithTheFix)
{
    EventLog log;
    AdaRoundConfig c = demoConfig("fmnist_cnn", 4, 20);
    c.memoryBudget = size_t(20) << 20; // the demo at 1,024 images needs ~63 MiB, 55 of them at conv1
    const RunResult r = runDemo(c, log);
    EXPECT_EQ(r.end, RunEnd::Failed);
    for (const char* part : {"over the 20 MiB budget", "before conv1", "--calib-size", "--memory-budget"})
        EXPECT_NE(r.error.find(part), std::string::npos) << part << " in: " << r.error;
    EXPECT_EQ(log.phases[RunPhase::Loading], 0); // refused before any bulk loading

    // The calibration size it names fits.
    const size_t at = r.error.find("--calib-size ");
    ASSERT_NE(at, std::string::npos);
    c.calibSize = std::stoi(r.error.substr(at + 13));
    c.iterations = 5;
    EventLog again;
    EXPECT_EQ(runDemo(c, again).end, RunEnd::Completed);
}
