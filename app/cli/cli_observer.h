#pragma once
// Shows a run's event stream on stderr: a redrawn progress line per layer on a
// terminal, one line per finished layer otherwise (and one per tenth of each
// loading, capture or evaluation step).
#include "adaround/run_events.h"

#include <chrono>
#include <string>

namespace cli {

class CliObserver : public adaround::RunObserver {
public:
    explicit CliObserver(bool enabled);
    void onEvent(const adaround::RunEvent& event) override;
    void finish();

private:
    void runStarted(const adaround::RunStarted& e);
    void layerStarted(const adaround::LayerStarted& e);
    void iteration(const adaround::IterationStats& e);
    void layerFinished(const adaround::LayerFinished& e);
    void baseline(const adaround::SubsetBaseline& e);
    void accuracy(const adaround::AccuracyPoint& e);
    void runCancelled(int layersDone);
    void phase(const adaround::PhaseProgress& e);
    void endLine();

    bool enabled_;
    bool tty_;
    bool open_ = false;
    int layers_ = 0;
    int current_ = 0;
    int iterations_ = 0;
    std::string name_;
    std::string stepDetail_; // the loading/capture/evaluation step last printed, off a terminal
    int stepTenth_ = -1;
    std::chrono::steady_clock::time_point lastDraw_;
};

} // namespace cli
