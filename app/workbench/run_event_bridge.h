#pragma once
// Turns the engine's observer callbacks, called on the worker thread, into Qt
// signals carrying the event structs. Receivers on the GUI thread get them
// through queued connections (AutoConnection does it: the emitting thread is
// not theirs), so the engine never touches a widget.
#include "adaround/run_events.h"
#include "run_event_types.h"

#include <QObject>

class RunEventBridge : public QObject, public adaround::RunObserver {
    Q_OBJECT
public:
    explicit RunEventBridge(QObject* parent = nullptr);

    void runStarted(const adaround::RunStarted& e) override { emit started(e); }
    void layerStarted(const adaround::LayerStarted& e) override { emit layerStartedEvent(e); }
    void iteration(const adaround::IterationStats& e) override { emit iterationEvent(e); }
    void histogram(const adaround::HistogramSnapshot& e) override { emit histogramEvent(e); }
    void layerFinished(const adaround::LayerFinished& e) override { emit layerFinishedEvent(e); }
    void accuracy(const adaround::AccuracyPoint& e) override { emit accuracyEvent(e); }
    void runFinished(const adaround::RunFinished& e) override { emit finished(e); }
    void runCancelled(int layersDone) override { emit cancelled(layersDone); }
    void runFailed(const std::string& error) override { emit failed(QString::fromStdString(error)); }
    // layerWeights is not forwarded: the integer weights are for the log and exports, not the views.

signals:
    void started(const adaround::RunStarted& e);
    void layerStartedEvent(const adaround::LayerStarted& e);
    void iterationEvent(const adaround::IterationStats& e);
    void histogramEvent(const adaround::HistogramSnapshot& e);
    void layerFinishedEvent(const adaround::LayerFinished& e);
    void accuracyEvent(const adaround::AccuracyPoint& e);
    void finished(const adaround::RunFinished& e);
    void cancelled(int layersDone);
    void failed(const QString& error);
};
