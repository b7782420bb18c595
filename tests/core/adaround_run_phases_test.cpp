// The phases of an AdaRound run on the demo: progress events for loading,
// capture, optimisation and evaluation, cancel within one unit of each, and
// the memory plan, checked before anything is loaded; a pause is not counted
// in the layer's time.
#include "run_test_events.h"

#include <atomic>
#include <chrono>
#include <thread>

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

namespace {

// Pauses the run at one iteration of one layer for pauseMs, resumed from
// another thread, and measures each layer's wall time between its
// LayerStarted and LayerFinished as a listener sees it (pause included).
struct LayerClock : EventLog {
    using Clock = std::chrono::steady_clock;
    int pauseLayer = -1, pauseAt = 0, pauseMs = 0;
    std::map<int, Clock::time_point> begun;
    std::map<int, double> wall;               // seconds, per layer
    std::map<int, LayerFinished> reported;
    std::thread resumer;
    void onEvent(const RunEvent& event) override
    {
        EventLog::onEvent(event);
        if (const auto* s = std::get_if<LayerStarted>(&event))
            begun[s->layer] = Clock::now();
        if (const auto* f = std::get_if<LayerFinished>(&event)) {
            wall[f->layer] = std::chrono::duration<double>(Clock::now() - begun[f->layer]).count();
            reported[f->layer] = *f;
        }
        const auto* it = std::get_if<IterationStats>(&event);
        if (it && it->layer == pauseLayer && it->iteration == pauseAt && control) {
            control->setPaused(true); // the next step waits here
            resumer = std::thread([this] {
                std::this_thread::sleep_for(std::chrono::milliseconds(pauseMs));
                control->setPaused(false);
            });
        }
    }
    ~LayerClock() override
    {
        if (resumer.joinable())
            resumer.join();
    }
};

} // namespace

TEST(AdaRoundRun, APauseIsNotCountedInTheLayersTime)
{
    AdaRoundConfig c = demoConfig("fmnist_cnn", 4, 120);
    c.evalSubset = 0;
    c.calibSize = 256;
    c.statsInterval = 10;
    c.rtnOnlyLayers = {"conv1", "conv3", "fc1", "fc2"}; // conv2 alone is optimised
    LayerClock paused;
    paused.pauseLayer = 1; // conv2, a third of the way in
    paused.pauseAt = 40;
    paused.pauseMs = 1500;
    const auto t0 = std::chrono::steady_clock::now();
    const RunResult r = runDemo(c, paused);
    const double runWall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ASSERT_EQ(r.end, RunEnd::Completed) << r.error;

    const LayerFinished& p = paused.reported.at(1);
    const double loopPaused = c.iterations / p.iterationsPerSecond;
    std::cout << "conv2: wall seen by a listener " << paused.wall.at(1) << " s with a 1.5 s pause; reported "
              << p.seconds << " s (loop " << loopPaused << " s)\n";
    // The listener's wall time holds the pause; the reported times hold none of
    // it: what was taken off is the pause, give or take the scheduler (the
    // 20 ms poll, one step, the events around the optimisation).
    ASSERT_GE(paused.wall.at(1), 1.5);
    EXPECT_GE(paused.wall.at(1) - p.seconds, 1.3);
    EXPECT_LE(paused.wall.at(1) - p.seconds, 2.0);
    EXPECT_GE(paused.wall.at(1) - loopPaused, 1.3);
    EXPECT_GT(p.seconds, 0.0);
    // (Against a second, unpaused run of the same layer the difference was
    // lost in the noise: on the shared build machine two identical runs of
    // conv2 took 3.8 s and 10.6 s. The listener's clock sees the same run.)
    // The run's time excludes it too.
    EXPECT_GE(runWall - r.final.seconds, 1.3);
}
