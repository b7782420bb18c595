#pragma once
// Cancellation between units of work (image chunks, capture chunks, evaluation
// batches): a cancelled run unwinds with RunCancelledSignal from the progress
// callback it passed down, and AdaRoundRun::run reports runCancelled. It is not
// a std::exception, so guarded()/inContext() let it through untranslated.
#include "adaround/progress.h"
#include "adaround/run_control.h"

namespace adaround {

struct RunCancelledSignal {};

// Waits while paused; throws RunCancelledSignal once the run is cancelled.
inline void throwIfCancelled(const RunControl& control)
{
    if (!control.checkpoint())
        throw RunCancelledSignal{};
}

// A progress callback that only checks for cancellation.
inline ProgressFn cancelCheck(const RunControl& control)
{
    return [&control](const Progress&) { throwIfCancelled(control); };
}

} // namespace adaround
