#pragma once
// When the run-log writer's next timed save is due (RunLogSavePolicy): every
// save, forced or timed, sets the next one to costFactor times its duration
// after its end, within [floor, ceiling]. Saving thus takes at most
// 1/(costFactor+1) of the time, whatever the log's size, until a save costs
// more than ceiling/costFactor.
#include "adaround/run_log.h"

#include <algorithm>
#include <chrono>

namespace adaround {

class SaveSchedule {
public:
    using Clock = std::chrono::steady_clock;

    explicit SaveSchedule(const RunLogSavePolicy& policy) : policy_(policy) {}

    // A save ran from START to END.
    void saved(Clock::time_point start, Clock::time_point end)
    {
        const Clock::duration cost = end - start;
        const Clock::duration floor = policy_.floor, ceiling = policy_.ceiling;
        interval_ = std::min(std::max(cost * policy_.costFactor, floor), ceiling);
        next_ = end + interval_;
    }
    bool due(Clock::time_point now) const { return now >= next_; }
    Clock::duration interval() const { return interval_; }

private:
    RunLogSavePolicy policy_;
    Clock::duration interval_ = policy_.floor;
    Clock::time_point next_{};
};

} // namespace adaround
