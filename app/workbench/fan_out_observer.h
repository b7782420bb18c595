#pragma once
// Sends each event of a run to several observers in turn (the GUI bridge and
// the run-log writer listen to the same stream).
#include "adaround/run_events.h"

#include <vector>

class FanOutObserver : public adaround::RunObserver {
public:
    void add(adaround::RunObserver* o) { observers_.push_back(o); }

    void runStarted(const adaround::RunStarted& e) override { each([&](auto* o) { o->runStarted(e); }); }
    void layerStarted(const adaround::LayerStarted& e) override { each([&](auto* o) { o->layerStarted(e); }); }
    void iteration(const adaround::IterationStats& e) override { each([&](auto* o) { o->iteration(e); }); }
    void histogram(const adaround::HistogramSnapshot& e) override { each([&](auto* o) { o->histogram(e); }); }
    void layerWeights(const adaround::QuantizedLayer& e) override { each([&](auto* o) { o->layerWeights(e); }); }
    void layerFinished(const adaround::LayerFinished& e) override { each([&](auto* o) { o->layerFinished(e); }); }
    void accuracy(const adaround::AccuracyPoint& e) override { each([&](auto* o) { o->accuracy(e); }); }
    void runFinished(const adaround::RunFinished& e) override { each([&](auto* o) { o->runFinished(e); }); }
    void runCancelled(int n) override { each([&](auto* o) { o->runCancelled(n); }); }
    void runFailed(const std::string& e) override { each([&](auto* o) { o->runFailed(e); }); }

private:
    template <class F> void each(F f)
    {
        for (auto* o : observers_)
            f(o);
    }
    std::vector<adaround::RunObserver*> observers_;
};
