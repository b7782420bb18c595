#include "adaround/run_record.h"

#include <algorithm>

namespace adaround {

void RunRecorder::runStarted(const RunStarted& e)
{
    record_.started = e;
    record_.hasStarted = true;
}
void RunRecorder::layerStarted(const LayerStarted& e) { record_.layerStarts.push_back(e); }
void RunRecorder::iteration(const IterationStats& e) { record_.iterations.push_back(e); }
void RunRecorder::histogram(const HistogramSnapshot& e) { record_.histograms.push_back(e); }
void RunRecorder::layerWeights(const QuantizedLayer& e) { record_.weights.push_back(e); }
void RunRecorder::layerFinished(const LayerFinished& e)
{
    record_.layers.push_back(e);
    record_.layersDone = int(record_.layers.size());
}
void RunRecorder::accuracy(const AccuracyPoint& e) { record_.progress.push_back(e); }
void RunRecorder::runFinished(const RunFinished& e)
{
    record_.finished = e;
    record_.end = RunEnd::Completed;
}
void RunRecorder::runCancelled(int layersDone)
{
    record_.end = RunEnd::Cancelled;
    record_.layersDone = layersDone;
}
void RunRecorder::runFailed(const std::string& error)
{
    record_.end = RunEnd::Failed;
    record_.error = error;
}

namespace {

template <class Event>
std::vector<const Event*> ofLayer(const std::vector<Event>& events, int layer)
{
    std::vector<const Event*> out;
    for (const Event& e : events)
        if (e.layer == layer)
            out.push_back(&e);
    return out;
}

} // namespace

void replay(const RunRecord& r, RunObserver& observer)
{
    if (!r.hasStarted)
        return;
    observer.runStarted(r.started);
    for (const LayerStarted& start : r.layerStarts) {
        observer.layerStarted(start);
        // Statistics and histograms interleaved by iteration; a histogram at the
        // same iteration goes after the statistics, as in a live run.
        const auto stats = ofLayer(r.iterations, start.layer);
        const auto hists = ofLayer(r.histograms, start.layer);
        size_t i = 0, h = 0;
        while (i < stats.size() || h < hists.size()) {
            if (h == hists.size() || (i < stats.size() && stats[i]->iteration <= hists[h]->iteration))
                observer.iteration(*stats[i++]);
            else
                observer.histogram(*hists[h++]);
        }
        for (const QuantizedLayer* w : ofLayer(r.weights, start.layer))
            observer.layerWeights(*w);
        const auto finished = ofLayer(r.layers, start.layer);
        if (finished.empty())
            break; // the run stopped inside this layer
        observer.layerFinished(*finished.front());
        const int done = int(std::find_if(r.layers.begin(), r.layers.end(),
                                          [&](const LayerFinished& f) { return f.layer == start.layer; }) -
                             r.layers.begin()) + 1;
        for (const AccuracyPoint& p : r.progress)
            if (p.layersDone == done)
                observer.accuracy(p);
    }
    if (!r.end)
        return;
    switch (*r.end) {
    case RunEnd::Completed:
        if (r.finished)
            observer.runFinished(*r.finished);
        break;
    case RunEnd::Cancelled: observer.runCancelled(r.layersDone); break;
    case RunEnd::Failed: observer.runFailed(r.error); break;
    }
}

} // namespace adaround
