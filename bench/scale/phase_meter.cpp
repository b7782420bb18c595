#include "phase_meter.h"

#include "adaround/overloaded.h"

#include <algorithm>
#include <fstream>
#include <string>

namespace bench {

const char* phaseName(Phase p)
{
    static const char* const names[kPhases] = {"load", "capture", "optimise", "evaluate"};
    return names[p];
}

long peakRssKib()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stol(line.substr(6));
    return 0;
}

void resetPeakRss()
{
    std::ofstream("/proc/self/clear_refs") << "5"; // 5: reset VmHWM to the current RSS
}

PhaseMeter::PhaseMeter() : since_(std::chrono::steady_clock::now())
{
    resetPeakRss();
}

void PhaseMeter::closeSegment(Phase into)
{
    const auto now = std::chrono::steady_clock::now();
    PhaseCost& c = costs_[into];
    c.seconds += std::chrono::duration<double>(now - since_).count();
    c.peakKib = std::max(c.peakKib, peakRssKib());
    resetPeakRss();
    since_ = now;
}

void PhaseMeter::enter(Phase next)
{
    afterLayer_ = false;
    if (next == current_)
        return;
    closeSegment(current_);
    current_ = next;
}

void PhaseMeter::finish()
{
    closeSegment(current_);
}

void PhaseMeter::onEvent(const adaround::RunEvent& event)
{
    using namespace adaround;
    auto optimiserStarted = [&] {
        if (awaitingOptimiser_)
            enter(Optimise);
        awaitingOptimiser_ = false;
    };
    std::visit(overloaded{[&](const PhaseProgress& e) {
                              static const Phase map[] = {Load, Capture, Optimise, Evaluate};
                              enter(map[int(e.phase)]);
                          },
                          [&](const LayerStarted&) {
                              if (afterLayer_) {
                                  // The gap since LayerFinished was preparing this layer, not evaluating.
                                  closeSegment(Capture);
                                  current_ = Capture;
                                  afterLayer_ = false;
                              } else {
                                  enter(Capture);
                              }
                              awaitingOptimiser_ = true;
                          },
                          // The optimiser's first event: h(V) at initialisation, or the first
                          // statistics (a layer optimised for 0 iterations sends only the latter).
                          [&](const HistogramSnapshot&) { optimiserStarted(); },
                          [&](const IterationStats&) { optimiserStarted(); },
                          [&](const LayerFinished&) {
                              awaitingOptimiser_ = false;
                              enter(Evaluate);
                              afterLayer_ = true;
                          },
                          [](const auto&) {}},
               event);
}

} // namespace bench
