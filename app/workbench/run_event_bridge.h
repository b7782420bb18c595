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

    // Every event. QuantizedLayer is copied too (once per layer, about 6 bytes a
    // weight): the Who Flipped view draws a layer's rounding choices and fractions.
    void onEvent(const adaround::RunEvent& e) override;

signals:
    void runEvent(const SharedRunEvent& e);
};
