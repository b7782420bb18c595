#pragma once
// Turns the engine's events, sent on the worker thread, into one Qt signal.
// Receivers on the GUI thread get it through queued connections (AutoConnection
// does it: the emitting thread is not theirs), so the engine never touches a
// widget. Each event is copied once into a shared, immutable RunEvent.
#include "adaround/run_events.h"
#include "run_event_types.h"

#include <QObject>

class RunEventBridge : public QObject, public adaround::RunObserver {
    Q_OBJECT
public:
    explicit RunEventBridge(QObject* parent = nullptr);

    // Every event but QuantizedLayer: the integer weights are for the log and
    // exports, not the views, and are not copied across threads.
    void onEvent(const adaround::RunEvent& e) override;

signals:
    void runEvent(const SharedRunEvent& e);
};
