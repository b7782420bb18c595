// replay() sends a record's events in the live order, and stops where an
// interrupted run stopped. Base only (no engine); the replay of a real run is
// RunLog.ReplayReproducesTheLiveEventStream in run_log_test.cpp.
#include "adaround/run_record.h"
#include "kind_trace.h"

#include <gtest/gtest.h>

using namespace adaround;

TEST(RunRecord, ReplayOfAnInterruptedRunStopsInsideTheLayer)
{
    RunRecord r;
    r.hasStarted = true;
    r.layerStarts = {{0, "conv1", 8, 100}, {1, "conv2", 4, 100}};
    r.iterations = {{0, 50, 1, 0, 20, 1}, {1, 50, 2, 0, 20, 2}};
    r.layers.push_back({});
    r.layers.back().layer = 0;
    KindTrace t;
    replay(r, t);
    EXPECT_EQ(t.kinds, "SLiFLi"); // no end event: the run was killed
}
