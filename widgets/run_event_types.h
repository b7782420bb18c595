#pragma once
// A run's event as a Qt metatype, so it travels through queued signal
// connections from the worker thread to the GUI thread. Shared and immutable:
// the event is copied once off the worker thread, however many receivers take it.
#include "adaround/run_events.h"

#include <QMetaType>
#include <memory>

using SharedRunEvent = std::shared_ptr<const adaround::RunEvent>;

Q_DECLARE_METATYPE(SharedRunEvent)

// Registers the type above for queued connections; call once before connecting.
inline void registerRunEventTypes()
{
    qRegisterMetaType<SharedRunEvent>();
}
