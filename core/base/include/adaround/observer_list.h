#pragma once
// Sends each event of a run to several observers in the order they were added
// (e.g. the run-log writer first, then a progress display).
#include "adaround/run_events.h"

#include <vector>

namespace adaround {

class ObserverList : public RunObserver {
public:
    ObserverList& add(RunObserver& observer);

    void runStarted(const RunStarted& e) override;
    void layerStarted(const LayerStarted& e) override;
    void iteration(const IterationStats& e) override;
    void histogram(const HistogramSnapshot& e) override;
    void layerWeights(const QuantizedLayer& e) override;
    void layerFinished(const LayerFinished& e) override;
    void accuracy(const AccuracyPoint& e) override;
    void runFinished(const RunFinished& e) override;
    void runCancelled(int layersDone) override;
    void runFailed(const std::string& error) override;

private:
    std::vector<RunObserver*> observers_;
};

} // namespace adaround
