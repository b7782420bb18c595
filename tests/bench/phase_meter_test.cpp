// bench/scale's PhaseMeter: which phase each stretch of a run is charged to, from
// made-up event sequences with sleeps. Only lower bounds (a sleep lasts at least
// its duration) and wide orderings are asserted, never an absolute timing.
#include "phase_meter.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

using namespace adaround;
using bench::Capture;
using bench::Evaluate;
using bench::Load;
using bench::Optimise;
using bench::PhaseMeter;

namespace {

void sleepMs(int ms)
{
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

LayerStarted layerStarted(int k)
{
    return LayerStarted{k, "layer", 4, 1};
}

LayerFinished layerFinished(int k)
{
    LayerFinished e;
    e.layer = k;
    return e;
}

} // namespace

// The engine of 7a9aa2a sends no PhaseProgress: the run's structure decides.
TEST(PhaseMeter, FallsBackToTheRunStructure)
{
    PhaseMeter m;
    sleepMs(60); // loading
    m.onEvent(RunStarted{});
    m.onEvent(layerStarted(0));
    sleepMs(120); // capturing layer 0's inputs
    m.onEvent(HistogramSnapshot{0, 0, {}, 0});
    sleepMs(60); // optimising
    m.onEvent(IterationStats{0, 1, 0, 0, 2, 0});
    m.onEvent(layerFinished(0));
    sleepMs(400); // preparing layer 1: capture, not evaluation
    m.onEvent(layerStarted(1));
    m.onEvent(IterationStats{1, 1, 0, 0, 2, 0}); // a first event that is not a histogram
    m.onEvent(layerFinished(1));
    sleepMs(60); // the final evaluation
    m.finish();
    const auto& c = m.costs();
    EXPECT_GE(c[Load].seconds, 0.06);
    EXPECT_GE(c[Capture].seconds, 0.52);
    EXPECT_GE(c[Optimise].seconds, 0.06);
    EXPECT_GE(c[Evaluate].seconds, 0.06);
    EXPECT_LT(c[Evaluate].seconds, 0.4); // the gap before layer 1 was not charged here
    for (const auto& phase : c)
        EXPECT_GT(phase.peakKib, 0);
}

// PhaseProgress wins over the structure: here the engine says it optimises right
// after LayerStarted, and evaluates (a progress curve) between layers.
TEST(PhaseMeter, FollowsPhaseProgress)
{
    PhaseMeter m;
    m.onEvent(RunStarted{});
    m.onEvent(layerStarted(0));
    m.onEvent(PhaseProgress{RunPhase::Optimising, "layer 0", 0, 1});
    sleepMs(300);
    m.onEvent(HistogramSnapshot{0, 0, {}, 0});
    m.onEvent(layerFinished(0));
    m.onEvent(PhaseProgress{RunPhase::Evaluating, "progress curve", 1, 2});
    sleepMs(300); // evaluating, as the engine said: kept as evaluation when layer 1 starts
    m.onEvent(layerStarted(1));
    m.finish();
    const auto& c = m.costs();
    EXPECT_GE(c[Optimise].seconds, 0.3);
    EXPECT_GE(c[Evaluate].seconds, 0.3);
    EXPECT_LT(c[Capture].seconds, 0.3);
}

// A phase the run never enters has no peak (how the bench tells a missed phase).
TEST(PhaseMeter, PhasesNeverEnteredHaveNoPeak)
{
    PhaseMeter m;
    m.onEvent(PhaseProgress{RunPhase::Loading, "calibration images", 1, 2});
    m.onEvent(RunStarted{});
    m.finish();
    EXPECT_GT(m.costs()[Load].peakKib, 0);
    EXPECT_EQ(m.costs()[Capture].peakKib, 0);
    EXPECT_EQ(m.costs()[Optimise].peakKib, 0);
    EXPECT_EQ(m.costs()[Evaluate].peakKib, 0);
}
