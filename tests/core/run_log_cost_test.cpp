// The run log's write cost at paper scale (issue 11): the real writer on a
// synthetic ResNet-50 run (54 layers x 10,000 iterations, events at the
// engine's cadence, 25.5M integer weights), its clock the run's simulated time
// at 100 iterations per second (a fast machine: the shorter the run, the larger
// the share) plus the writer's own real time. The save policy adapts to what
// the saves cost here, so the assertions are shares and counts, not timings.
#include "adaround/run_log.h"
#include "simulated_log_run.h"
#include "test_support.h"

#include <gtest/gtest.h>

using namespace adaround;
using namespace testsupport;

TEST(RunLogCost, PaperScaleRunSpendsUnderOnePercentWritingItsLog)
{
    TempDir dir("runlog-cost");
    const std::string path = dir / "large.h5";
    const LargeRunShape shape;
    const double rate = 100;
    const RunLogSavePolicy policy;
    const LogCostFigures f = simulateLoggedRun(path, policy, shape, rate);
    std::printf("54 x %d iterations at %.0f it/s: run %.0f s, %d saves, saving %.2f s (%.3f %%), "
                "in the writer %.2f s (%.3f %%), longest save %.1f ms, longest gap %.2f s, log %.2f MiB\n",
                shape.iterations, rate, f.runSeconds, f.saves, f.savingSeconds, 100 * f.savingShare(),
                f.writerSeconds, 100 * f.writerShare(), 1000 * f.longestSave, f.longestGap,
                double(f.bytes) / (1 << 20));
    EXPECT_EQ(f.writeError, "");
    EXPECT_EQ(f.layers, 54);
    EXPECT_EQ(f.layerEndsSaved, 54);
    EXPECT_LT(f.savingShare(), 0.01);
    EXPECT_LT(f.writerShare(), 0.01);
    // A timed save comes at the first event after the interval, which is at
    // most the ceiling: events are 50 iterations apart, plus what the writer
    // spent on an event without saving (compressing a layer's weights).
    const double ceiling = std::chrono::duration<double>(policy.ceiling).count();
    EXPECT_LE(f.longestGap, ceiling + shape.statsInterval / rate + f.longestEvent + f.longestSave);
    // Fewer saves than the fixed 2 s interval would have made.
    EXPECT_LT(f.saves, int(f.runSeconds / 2));

    // The reader returns the whole run from the large log.
    const RunLog log = readRunLog(path);
    const RunRecord& r = log.record;
    EXPECT_EQ(log.info.status, "completed");
    ASSERT_EQ(r.layers.size(), 54u);
    EXPECT_EQ(r.iterations.size(), 54u * (shape.iterations / shape.statsInterval));
    EXPECT_EQ(r.histograms.size(), 54u * (shape.iterations / shape.histogramInterval + 1));
    EXPECT_EQ(r.progress.size(), 54u);
    size_t weights = 0, largest = 0;
    for (const QuantizedLayer& w : r.weights) {
        weights += w.codes.size();
        largest = std::max(largest, w.codes.size());
        EXPECT_EQ(w.roundedUp.size(), w.codes.size());
    }
    EXPECT_EQ(weights, 25502912u); // torchvision resnet50's conv and fc weights
    EXPECT_EQ(largest, size_t(512 * 512 * 3 * 3));
}
