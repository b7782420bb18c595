#include "adaround/observer_list.h"

namespace adaround {

ObserverList& ObserverList::add(RunObserver& observer)
{
    observers_.push_back(&observer);
    return *this;
}

void ObserverList::runStarted(const RunStarted& e) { for (auto* o : observers_) o->runStarted(e); }
void ObserverList::layerStarted(const LayerStarted& e) { for (auto* o : observers_) o->layerStarted(e); }
void ObserverList::iteration(const IterationStats& e) { for (auto* o : observers_) o->iteration(e); }
void ObserverList::histogram(const HistogramSnapshot& e) { for (auto* o : observers_) o->histogram(e); }
void ObserverList::layerWeights(const QuantizedLayer& e) { for (auto* o : observers_) o->layerWeights(e); }
void ObserverList::layerFinished(const LayerFinished& e) { for (auto* o : observers_) o->layerFinished(e); }
void ObserverList::accuracy(const AccuracyPoint& e) { for (auto* o : observers_) o->accuracy(e); }
void ObserverList::runFinished(const RunFinished& e) { for (auto* o : observers_) o->runFinished(e); }
void ObserverList::runCancelled(int layersDone) { for (auto* o : observers_) o->runCancelled(layersDone); }
void ObserverList::runFailed(const std::string& error) { for (auto* o : observers_) o->runFailed(error); }

} // namespace adaround
