// A real AdaRound run written to a log by RunLogWriter while a RunRecorder
// listens to the same events: the log read back must hold the same values, and
// replaying the record must give the live event stream again.
#include "adaround/adaround_run.h"
#include "adaround/observer_list.h"
#include "adaround/run_log.h"
#include "kind_trace.h"
#include "record_equality.h"
#include "test_support.h"

using namespace adaround;
using namespace testsupport;

namespace {

AdaRoundConfig shortRun()
{
    AdaRoundConfig c;
    c.modelPath = demoModel("fmnist_cnn");
    c.calibDir = calibDir();
    c.evalDir = smallEvalDir();
    c.bits = {3, 8, {}};
    c.iterations = 150;
    c.statsInterval = 10;
    c.histogramInterval = 50;
    c.calibSize = 256;
    c.evalSubset = 100;
    c.threads = 2;
    c.rtnOnlyLayers = {"conv2"};
    return c;
}

// Cancels the run once N layers have finished.
struct CancelAfter : RunObserver {
    RunControl& control;
    int layers;
    CancelAfter(RunControl& c, int n) : control(c), layers(n) {}
    void onEvent(const RunEvent& e) override
    {
        if (std::holds_alternative<LayerFinished>(e) && --layers == 0)
            control.cancel();
    }
};

} // namespace

TEST(RunLog, ARealRunReadsBackAsItWasReported)
{
    TempDir dir("runlog-live");
    const std::string path = dir / "run.h5";
    RunRecorder recorder;
    RunControl control;
    RunResult result;
    {
        RunLogWriter writer(path);
        ObserverList both;
        both.add(writer).add(recorder);
        AdaRoundConfig config = shortRun();
        config.actBits = 8; // the activation grids go into the log too
        result = AdaRoundRun(config).run(both, control);
        EXPECT_EQ(writer.writeError(), "");
    }
    ASSERT_EQ(result.end, RunEnd::Completed) << result.error;
    EXPECT_EQ(result.started.activationGrids.size(), result.started.layers.size());

    const RunLog log = readRunLog(path);
    expectSameRecord(log.record, recorder.record());
    EXPECT_EQ(log.info.status, "completed");
    // The subset baseline and the curve's start (measured with the activation quantizers) came back.
    ASSERT_TRUE(log.record.baseline.has_value());
    EXPECT_EQ(log.record.baseline->fp32.count, 100);
    EXPECT_EQ(log.record.progress.front().layersDone, 0);
    EXPECT_EQ(log.record.progress.size(), 1u + 5u);
    EXPECT_EQ(log.record.layers.size(), 5u);
    EXPECT_EQ(log.record.iterations.size(), size_t(4 * 150 / 10));
    EXPECT_EQ(log.record.weights[3].roundedUp.size(), log.record.weights[3].codes.size());
    EXPECT_EQ(log.info.modelPath, demoModel("fmnist_cnn"));
    EXPECT_EQ(log.info.modelBytes, int64_t(std::filesystem::file_size(demoModel("fmnist_cnn"))));
    EXPECT_TRUE(std::regex_match(log.info.modelSha256, std::regex("[0-9a-f]{64}")));
    EXPECT_EQ(log.record.started.calibFiles.size(), 256u);
}

TEST(RunLog, ACancelledRunIsMarkedCancelledWithItsCompletedLayers)
{
    TempDir dir("runlog-cancel");
    const std::string path = dir / "run.h5";
    RunRecorder recorder;
    RunControl control;
    CancelAfter cancel(control, 2);
    RunResult result;
    {
        RunLogWriter writer(path);
        ObserverList all;
        all.add(writer).add(recorder).add(cancel);
        result = AdaRoundRun(shortRun()).run(all, control);
    }
    ASSERT_EQ(result.end, RunEnd::Cancelled);

    const RunLog log = readRunLog(path);
    EXPECT_EQ(log.info.status, "cancelled");
    EXPECT_EQ(log.record.layersDone, 2);
    EXPECT_EQ(log.record.layers.size(), 2u);
    expectSameRecord(log.record, recorder.record());
}

TEST(RunRecord, ReplayReproducesTheLiveEventStream)
{
    AdaRoundConfig c;
    c.modelPath = demoModel("fmnist_cnn");
    c.calibDir = calibDir();
    c.evalDir = smallEvalDir();
    c.bits = {3, 8, {}};
    c.iterations = 120;
    c.statsInterval = 10;
    c.histogramInterval = 40;
    c.evalSubset = 200;
    c.threads = 2;
    c.rtnOnlyLayers = {"conv2"};

    RunRecorder recorder;
    KindTrace live;
    ObserverList both;
    both.add(recorder).add(live);
    RunControl control;
    const RunResult result = AdaRoundRun(c).run(both, control);
    ASSERT_EQ(result.end, RunEnd::Completed) << result.error;

    const RunRecord& r = recorder.record();
    EXPECT_EQ(r.end, RunEnd::Completed);
    ASSERT_TRUE(r.finished.has_value());
    EXPECT_EQ(r.finished->adaround.top1, result.final.adaround.top1);
    EXPECT_EQ(r.layersDone, 5);
    EXPECT_EQ(r.weights.size(), result.quantized.size());
    EXPECT_EQ(r.weights[2].codes, result.quantized[2].codes);
    EXPECT_EQ(r.iterations.size(), size_t(4 * 120 / 10)); // conv2 is RTN-only

    KindTrace replayed;
    RunRecorder again;
    ObserverList both2;
    both2.add(again).add(replayed);
    replay(r, both2);
    EXPECT_EQ(replayed.kinds, live.kinds);
    EXPECT_EQ(live.kinds.substr(0, 3), "SBa"); // started, the subset baseline, the curve's start
    EXPECT_EQ(again.record().iterations.size(), r.iterations.size());
    EXPECT_EQ(again.record().histograms.back().counts, r.histograms.back().counts);
    EXPECT_EQ(again.record().progress.size(), r.progress.size());
}
