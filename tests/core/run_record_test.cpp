// replay() sends a record's events in the live order, and stops where an
// interrupted run stopped. Base only (no engine); the replay of a real run is
// RunLog.ReplayReproducesTheLiveEventStream in run_log_test.cpp.
#include "adaround/run_record.h"
#include "adaround/observer_list.h"
#include "adaround/overloaded.h"
#include "kind_trace.h"

#include <gtest/gtest.h>

using namespace adaround;

namespace {

// A record replayed into a trace of event kinds and a second recorder.
struct Replayed {
    KindTrace trace;
    RunRecorder recorder;
};

Replayed replayed(const RunRecord& r)
{
    Replayed out;
    ObserverList both;
    both.add(out.trace).add(out.recorder);
    replay(r, both);
    return out;
}

} // namespace

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

TEST(RunRecord, RecorderKeepsHowTheRunEndedAndReplaySendsItAgain)
{
    RunRecorder live;
    live.onEvent(RunStarted{});
    live.onEvent(LayerStarted{0, "conv1", 4, 100});
    LayerFinished conv1;
    conv1.name = "conv1";
    live.onEvent(conv1);
    live.onEvent(RunCancelled{1});
    const RunRecord& r = live.record();
    EXPECT_EQ(r.end, RunEnd::Cancelled);
    EXPECT_EQ(r.layersDone, 1);

    const Replayed again = replayed(r);
    EXPECT_EQ(again.trace.kinds, "SLFC");
    EXPECT_EQ(again.recorder.record().end, RunEnd::Cancelled);
    EXPECT_EQ(again.recorder.record().layersDone, 1);

    RunRecorder failing;
    failing.onEvent(RunStarted{});
    failing.onEvent(RunFailed{"layer conv1: NaN in the weights"});
    KindTrace f;
    replay(failing.record(), f);
    EXPECT_EQ(f.kinds, "SX");
    EXPECT_EQ(failing.record().end, RunEnd::Failed);
    EXPECT_EQ(failing.record().error, "layer conv1: NaN in the weights");
}

TEST(RunRecord, ListenersTakeOnlyTheEventsTheyNameInTheOrderAdded)
{
    std::string seen;
    auto layersOnly = [&](char who) {
        return [&seen, who](const RunEvent& e) {
            std::visit(overloaded{[&](const LayerStarted& s) { seen += who + s.name; },
                                  [&](const LayerFinished& s) { seen += who + ("/" + s.name); },
                                  [](const auto&) {}},
                       e);
        };
    };
    CallbackObserver a(layersOnly('a')), b(layersOnly('b'));
    ObserverList both;
    both.add(a).add(b);
    both.onEvent(RunStarted{});
    both.onEvent(LayerStarted{0, "1", 4, 100});
    both.onEvent(IterationStats{0, 10, 1, 0, 20, 1});
    LayerFinished done;
    done.name = "1";
    both.onEvent(done);
    both.onEvent(RunFinished{});
    EXPECT_EQ(seen, "a1b1a/1b/1");
}

// A cancel during image loading ends the run before RunStarted: the record
// keeps the end alone, and replay sends it (a stored log of such a run shows
// "cancelled", not an empty view).
TEST(RunRecord, ARunThatEndedBeforeItStartedReplaysOnlyItsEnd)
{
    RunRecorder cancelled;
    cancelled.onEvent(RunCancelled{0});
    const RunRecord& r = cancelled.record();
    EXPECT_FALSE(r.hasStarted);
    EXPECT_EQ(r.end, RunEnd::Cancelled);
    EXPECT_EQ(r.layersDone, 0);
    const Replayed again = replayed(r);
    EXPECT_EQ(again.trace.kinds, "C");
    EXPECT_FALSE(again.recorder.record().hasStarted);
    EXPECT_EQ(again.recorder.record().end, RunEnd::Cancelled);

    RunRecorder failed;
    failed.onEvent(RunFailed{"calib: no images"});
    KindTrace f;
    replay(failed.record(), f);
    EXPECT_EQ(f.kinds, "X");
}
