// A real AdaRound run written to a log by RunLogWriter while a RunRecorder
// listens to the same events: the log read back must hold the same values.
#include "adaround/adaround_run.h"
#include "adaround/observer_list.h"
#include "adaround/run_log.h"
#include "record_equality.h"
#include "test_support.h"

#include <algorithm>

using namespace adaround;
using namespace testsupport;

namespace {

// 30 images per class of the demo's eval folder, as symlinks: the final
// evaluations take a moment instead of most of the test's time.
std::string smallEval(const TempDir& dir)
{
    namespace fs = std::filesystem;
    const fs::path out = dir / "eval";
    for (const auto& cls : fs::directory_iterator(evalDir())) {
        fs::create_directories(out / cls.path().filename());
        std::vector<fs::path> files;
        for (const auto& f : fs::directory_iterator(cls.path()))
            files.push_back(f.path());
        std::sort(files.begin(), files.end());
        files.resize(std::min<size_t>(files.size(), 30));
        for (const auto& f : files)
            fs::create_symlink(f, out / cls.path().filename() / f.filename());
    }
    return out.string();
}

AdaRoundConfig shortRun(const TempDir& dir)
{
    AdaRoundConfig c;
    c.modelPath = demoModel("fmnist_cnn");
    c.calibDir = calibDir();
    c.evalDir = smallEval(dir);
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
        AdaRoundConfig config = shortRun(dir);
        config.actBits = 8; // the activation grids go into the log too
        result = AdaRoundRun(config).run(both, control);
        EXPECT_EQ(writer.writeError(), "");
    }
    ASSERT_EQ(result.end, RunEnd::Completed) << result.error;
    EXPECT_EQ(result.started.activationGrids.size(), result.started.layers.size());

    const RunLog log = readRunLog(path);
    expectSameRecord(log.record, recorder.record());
    EXPECT_EQ(log.info.status, "completed");
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
        result = AdaRoundRun(shortRun(dir)).run(all, control);
    }
    ASSERT_EQ(result.end, RunEnd::Cancelled);

    const RunLog log = readRunLog(path);
    EXPECT_EQ(log.info.status, "cancelled");
    EXPECT_EQ(log.record.layersDone, 2);
    EXPECT_EQ(log.record.layers.size(), 2u);
    expectSameRecord(log.record, recorder.record());
}
