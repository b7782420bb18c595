#include "adaround/observer_list.h"

namespace adaround {

ObserverList& ObserverList::add(RunObserver& observer)
{
    observers_.push_back(&observer);
    return *this;
}

void ObserverList::onEvent(const RunEvent& event)
{
    for (RunObserver* o : observers_)
        o->onEvent(event);
}

} // namespace adaround
