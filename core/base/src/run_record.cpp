#include "adaround/run_record.h"

#include "adaround/overloaded.h"

#include <algorithm>

namespace adaround {

void noteEvaluated(RunStarted& started, const RunFinished& finished)
{
    started.evalImages = finished.fp32.count;
    started.skippedEval.insert(started.skippedEval.end(), finished.skippedEval.begin(), finished.skippedEval.end());
}

const char* toString(RunPhase phase)
{
    switch (phase) {
    case RunPhase::Loading: return "loading";
    case RunPhase::Capturing: return "capturing";
    case RunPhase::Optimising: return "optimising";
    case RunPhase::Evaluating: return "evaluating";
    }
    return "?";
}

void RunRecorder::onEvent(const RunEvent& event)
{
    RunRecord& r = record_;
    std::visit(overloaded{[&](const RunStarted& e) {
                              r.started = e;
                              r.hasStarted = true;
                          },
                          [&](const LayerStarted& e) { r.layerStarts.push_back(e); },
                          [&](const IterationStats& e) { r.iterations.push_back(e); },
                          [&](const HistogramSnapshot& e) { r.histograms.push_back(e); },
                          [&](const WeightSample& e) { r.samples.push_back(e); },
                          [&](const QuantizedLayer& e) { r.weights.push_back(e); },
                          [&](const LayerFinished& e) {
                              r.layers.push_back(e);
                              r.layersDone = int(r.layers.size());
                          },
                          [&](const SubsetBaseline& e) { r.baseline = e; },
                          [&](const AccuracyPoint& e) { r.progress.push_back(e); },
                          [&](const RunFinished& e) {
                              r.finished = e;
                              r.end = RunEnd::Completed;
                              noteEvaluated(r.started, e);
                              r.finished->skippedEval.clear(); // kept once, in started (a replay sends it there)
                          },
                          [&](const RunCancelled& e) {
                              r.end = RunEnd::Cancelled;
                              r.layersDone = e.layersDone;
                          },
                          [&](const RunFailed& e) {
                              r.end = RunEnd::Failed;
                              r.error = e.error;
                          },
                          [](const PhaseProgress&) {}}, // transient: not part of the record
               event);
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

// Per layer: layer started, its statistics and histograms, weights, results, accuracy point.
void replayLayers(const RunRecord& r, RunObserver& observer)
{
    for (const LayerStarted& start : r.layerStarts) {
        observer.onEvent(start);
        // Statistics and histograms interleaved by iteration; a histogram at the
        // same iteration goes after the statistics, as in a live run.
        const auto stats = ofLayer(r.iterations, start.layer);
        const auto hists = ofLayer(r.histograms, start.layer);
        const auto samples = ofLayer(r.samples, start.layer);
        size_t i = 0, h = 0, w = 0;
        while (i < stats.size() || h < hists.size()) {
            if (h == hists.size() || (i < stats.size() && stats[i]->iteration <= hists[h]->iteration)) {
                observer.onEvent(*stats[i++]);
                continue;
            }
            const int at = hists[h]->iteration;
            observer.onEvent(*hists[h++]);
            while (w < samples.size() && samples[w]->iteration <= at)
                observer.onEvent(*samples[w++]);
        }
        for (const QuantizedLayer* w : ofLayer(r.weights, start.layer))
            observer.onEvent(*w);
        const auto finished = ofLayer(r.layers, start.layer);
        if (finished.empty())
            break; // the run stopped inside this layer
        observer.onEvent(*finished.front());
        const int done = int(std::find_if(r.layers.begin(), r.layers.end(),
                                          [&](const LayerFinished& f) { return f.layer == start.layer; }) -
                             r.layers.begin()) + 1;
        for (const AccuracyPoint& p : r.progress)
            if (p.layersDone == done)
                observer.onEvent(p);
    }
}

} // namespace

void replay(const RunRecord& r, RunObserver& observer)
{
    // A run cancelled or failed before it started (while loading) sends only its end.
    if (r.hasStarted) {
        observer.onEvent(r.started);
        if (r.baseline)
            observer.onEvent(*r.baseline);
        for (const AccuracyPoint& p : r.progress)
            if (p.layersDone == 0) // the curve's start, before the first layer
                observer.onEvent(p);
        replayLayers(r, observer);
    }
    if (!r.end)
        return;
    switch (*r.end) {
    case RunEnd::Completed:
        if (r.finished)
            observer.onEvent(*r.finished);
        break;
    case RunEnd::Cancelled: observer.onEvent(RunCancelled{r.layersDone}); break;
    case RunEnd::Failed: observer.onEvent(RunFailed{r.error}); break;
    }
}

} // namespace adaround
