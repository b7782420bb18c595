// RunRecorder keeps every event of a real run; replay() sends them again in the
// live order, so a second recorder fed by replay holds the same record.
#include "adaround/adaround_run.h"
#include "adaround/observer_list.h"
#include "adaround/overloaded.h"
#include "adaround/run_record.h"
#include "test_support.h"

using namespace adaround;
using namespace testsupport;

namespace {

// Remembers the order of event kinds, to compare a live run with its replay:
// one letter per alternative of RunEvent, in its order.
constexpr char kKinds[] = "SLihwFaECX";
static_assert(std::variant_size_v<RunEvent> == sizeof(kKinds) - 1);

struct KindTrace : RunObserver {
    std::string kinds;
    void onEvent(const RunEvent& e) override { kinds += kKinds[e.index()]; }
};

} // namespace

TEST(RunRecord, ReplayReproducesTheLiveEventStream)
{
    AdaRoundConfig c;
    c.modelPath = demoModel("fmnist_cnn");
    c.calibDir = calibDir();
    c.evalDir = evalDir();
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
    EXPECT_EQ(again.record().iterations.size(), r.iterations.size());
    EXPECT_EQ(again.record().histograms.back().counts, r.histograms.back().counts);
    EXPECT_EQ(again.record().progress.size(), r.progress.size());
}

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

    KindTrace t;
    RunRecorder again;
    ObserverList both;
    both.add(t).add(again);
    replay(r, both);
    EXPECT_EQ(t.kinds, "SLFC");
    EXPECT_EQ(again.record().end, RunEnd::Cancelled);
    EXPECT_EQ(again.record().layersDone, 1);

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
