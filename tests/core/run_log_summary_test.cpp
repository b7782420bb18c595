// readRunLogSummary, the run browser's reader: the same facts as the whole
// reader (summarize(readRunLog)) for completed and cancelled runs, an older
// unsealed log through the sandbox, a damaged log refused as readRunLog does.
#include "adaround/error.h"
#include "adaround/run_log.h"
#include "adaround/run_log_summary.h"
#include "log_file_edits.h"
#include "synthetic_run.h"
#include "test_support.h"

#include <hdf5.h>

using namespace adaround;
using namespace testsupport;

namespace {

void expectSameSummary(const RunLogSummary& a, const RunLogSummary& b)
{
    EXPECT_EQ(a.info.status, b.info.status);
    EXPECT_EQ(a.info.startTime, b.info.startTime);
    EXPECT_EQ(a.info.endTime, b.info.endTime);
    EXPECT_EQ(a.info.seed, b.info.seed);
    EXPECT_EQ(a.info.configJson, b.info.configJson);
    EXPECT_EQ(a.info.modelPath, b.info.modelPath);
    EXPECT_EQ(a.info.modelSha256, b.info.modelSha256);
    EXPECT_EQ(a.info.integrity, b.info.integrity);
    EXPECT_EQ(a.hasStarted, b.hasStarted);
    EXPECT_EQ(a.config.lambda, b.config.lambda);
    EXPECT_EQ(a.config.iterations, b.config.iterations);
    EXPECT_EQ(a.plannedLayers, b.plannedLayers);
    EXPECT_EQ(a.layersDone, b.layersDone);
    ASSERT_EQ(a.layers.size(), b.layers.size());
    for (size_t i = 0; i < a.layers.size(); ++i) {
        EXPECT_EQ(a.layers[i].name, b.layers[i].name);
        EXPECT_EQ(a.layers[i].recMseHard, b.layers[i].recMseHard);
        EXPECT_EQ(a.layers[i].settledShare, b.layers[i].settledShare);
        EXPECT_EQ(a.layers[i].optimised, b.layers[i].optimised);
    }
    ASSERT_EQ(a.finished.has_value(), b.finished.has_value());
    if (a.finished) {
        EXPECT_EQ(a.finished->adaround.top1, b.finished->adaround.top1);
        EXPECT_EQ(a.finished->rtn.top5, b.finished->rtn.top5);
        EXPECT_EQ(a.finished->fp32.count, b.finished->fp32.count);
        EXPECT_EQ(a.finished->seconds, b.finished->seconds);
    }
}

class RunLogSummaries : public ::testing::Test {
protected:
    TempDir dir{"runlog-summary"};
    std::string model = dir / "model.pt";
    void SetUp() override { writeBytes(model, "abc"); }
};

} // namespace

TEST_F(RunLogSummaries, ACompletedRunSummarisesAsTheWholeReaderReadsIt)
{
    const RunRecord written = syntheticRun(model);
    const std::string path = dir / "run.h5";
    {
        RunLogWriter writer(path);
        replay(written, writer);
    }
    const RunLogSummary s = readRunLogSummary(path);
    expectSameSummary(s, summarize(readRunLog(path)));
    EXPECT_EQ(s.info.status, "completed");
    EXPECT_EQ(s.info.integrity, "verified");
    EXPECT_EQ(s.config.lambda, 0.015);
    EXPECT_EQ(s.plannedLayers, 3); // conv3 left in float
    ASSERT_EQ(s.layers.size(), written.layers.size());
    ASSERT_TRUE(s.finished);
    EXPECT_EQ(s.finished->adaround.top1, written.finished->adaround.top1);
    EXPECT_EQ(s.info.modelSha256, fileSha256(model));
    EXPECT_EQ(fileSha256(model), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(RunLogSummaries, ACancelledRunHasItsFinishedLayersAndNoFinals)
{
    const RunRecord full = syntheticRun(model);
    const std::string path = dir / "cancelled.h5";
    {
        RunLogWriter writer(path);
        bool first = true; // forward the run up to its first layer's accuracy point (not the baseline's at 0)
        CallbackObserver cut([&](const RunEvent& e) {
            if (!first)
                return;
            writer.onEvent(e);
            if (const auto* p = std::get_if<AccuracyPoint>(&e); p && p->layersDone == 1)
                first = false;
        });
        replay(full, cut);
        writer.onEvent(RunCancelled{1});
    }
    const RunLogSummary s = readRunLogSummary(path);
    expectSameSummary(s, summarize(readRunLog(path)));
    EXPECT_EQ(s.info.status, "cancelled");
    EXPECT_EQ(s.layersDone, 1);
    EXPECT_EQ(s.layers.size(), 1u);
    EXPECT_FALSE(s.finished);
}

TEST_F(RunLogSummaries, AnUnsealedLogIsReadInTheSandboxAndADamagedOneRefused)
{
    const RunLogSummary old = readRunLogSummary(ADAROUND_TEST_RUNLOG_V1);
    EXPECT_EQ(old.info.integrity, "unsealed");
    expectSameSummary(old, summarize(readRunLog(ADAROUND_TEST_RUNLOG_V1)));
    EXPECT_TRUE(old.finished);

    const std::string path = dir / "damaged.h5";
    {
        RunLogWriter writer(path);
        replay(syntheticRun(model), writer);
    }
    std::string bytes = readFileBytes(path);
    bytes[bytes.size() - 100] ^= 0x20; // one bit changed after the log was sealed
    writeBytes(path, bytes);
    EXPECT_THROW(readRunLogSummary(path), RunLogDamaged);
    EXPECT_THROW(readRunLogSummary(dir / "missing.h5"), Error);
}
