#pragma once
// Remembers the order of event kinds, to compare a live run with its replay:
// one letter per alternative of RunEvent, in its order. PhaseProgress is left
// out: it is transient, so a replay has none.
#include "adaround/run_events.h"

#include <string>

struct KindTrace : adaround::RunObserver {
    static constexpr char kKinds[] = "SLihwFaECXpBs";
    static_assert(std::variant_size_v<adaround::RunEvent> == sizeof(kKinds) - 1);

    std::string kinds;
    void onEvent(const adaround::RunEvent& e) override
    {
        if (!std::holds_alternative<adaround::PhaseProgress>(e))
            kinds += kKinds[e.index()];
    }
};
