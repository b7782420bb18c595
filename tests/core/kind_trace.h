#pragma once
// Remembers the order of event kinds, to compare a live run with its replay.
#include "adaround/run_events.h"

#include <string>

struct KindTrace : adaround::RunObserver {
    std::string kinds;
    void runStarted(const adaround::RunStarted&) override { kinds += 'S'; }
    void layerStarted(const adaround::LayerStarted&) override { kinds += 'L'; }
    void iteration(const adaround::IterationStats&) override { kinds += 'i'; }
    void histogram(const adaround::HistogramSnapshot&) override { kinds += 'h'; }
    void layerWeights(const adaround::QuantizedLayer&) override { kinds += 'w'; }
    void layerFinished(const adaround::LayerFinished&) override { kinds += 'F'; }
    void accuracy(const adaround::AccuracyPoint&) override { kinds += 'a'; }
    void runFinished(const adaround::RunFinished&) override { kinds += 'E'; }
    void runCancelled(int) override { kinds += 'C'; }
    void runFailed(const std::string&) override { kinds += 'X'; }
};
