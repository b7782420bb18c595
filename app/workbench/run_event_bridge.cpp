#include "run_event_bridge.h"

RunEventBridge::RunEventBridge(QObject* parent) : QObject(parent)
{
    registerRunEventTypes();
}
