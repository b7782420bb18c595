#pragma once
// Sends each event of a run to several observers in the order they were added
// (e.g. the run-log writer first, then a progress display).
#include "adaround/run_events.h"

#include <vector>

namespace adaround {

class ObserverList : public RunObserver {
public:
    ObserverList& add(RunObserver& observer);
    void onEvent(const RunEvent& event) override;

private:
    std::vector<RunObserver*> observers_;
};

} // namespace adaround
