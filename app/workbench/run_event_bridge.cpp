#include "run_event_bridge.h"

RunEventBridge::RunEventBridge(QObject* parent) : QObject(parent)
{
    registerRunEventTypes();
}

void RunEventBridge::onEvent(const adaround::RunEvent& e)
{
    emit runEvent(std::make_shared<const adaround::RunEvent>(e));
}
