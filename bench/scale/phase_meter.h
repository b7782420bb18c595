#pragma once
// Wall time and peak RSS of a run, per phase (load, capture, optimise, evaluate),
// from the run's own events: the phase of the latest PhaseProgress, or where the
// engine sends none, the structure of the run (before the first layer = load;
// LayerStarted until the layer's first optimiser event = capture; from there to
// LayerFinished = optimise; after the last LayerFinished = evaluate). Peak RSS
// is the kernel's VmHWM, reset at each phase change (/proc/self/clear_refs).
#include "adaround/run_events.h"

#include <array>
#include <chrono>

namespace bench {

enum Phase { Load, Capture, Optimise, Evaluate, kPhases };
const char* phaseName(Phase p);

struct PhaseCost {
    double seconds = 0;
    long peakKib = 0; // 0: the phase never ran
};

class PhaseMeter : public adaround::RunObserver {
public:
    PhaseMeter(); // starts the clock, in Load
    void onEvent(const adaround::RunEvent& event) override;
    void finish(); // closes the current phase; call once after the run
    const std::array<PhaseCost, kPhases>& costs() const { return costs_; }

private:
    void enter(Phase next);
    void closeSegment(Phase into);

    std::array<PhaseCost, kPhases> costs_{};
    Phase current_ = Load;
    std::chrono::steady_clock::time_point since_;
    bool awaitingOptimiser_ = false; // between LayerStarted and the layer's first optimiser event
    bool afterLayer_ = false;        // Evaluate by fallback: becomes Capture if another layer starts
};

// The process's peak RSS since the last reset, and the reset (both Linux /proc).
long peakRssKib();
void resetPeakRss();

} // namespace bench
