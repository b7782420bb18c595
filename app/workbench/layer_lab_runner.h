#pragma once
// The layer lab's engine on a worker thread (adaround/layer_lab.h): open
// captures the layer's inputs once, then each attempt runs AdaRound on them
// with other knobs. One job at a time; events reach the GUI as queued
// signals; Cancel stops the job at its next image chunk or iteration. The
// lab stays open (its capture kept) until another open or the runner's end.
#include "adaround/layer_lab.h"
#include "adaround/run_control.h"
#include "run_event_types.h"
#include "worker_thread.h"

#include <QObject>
#include <QString>

#include <memory>

using SharedLabAttempt = std::shared_ptr<const adaround::LabAttempt>;
Q_DECLARE_METATYPE(SharedLabAttempt)

class LayerLabRunner : public QObject {
    Q_OBJECT
public:
    explicit LayerLabRunner(QObject* parent = nullptr);
    ~LayerLabRunner() override; // cancels a job that is going and waits for it

    // Captures REQUEST's layer; with CONTEXT_LOG, the stored run's roundings
    // (read on the worker) make the context. Ends with opened() or failed().
    bool open(const adaround::LabRequest& request, const QString& contextLog = {});
    // One attempt with KNOBS. Ends with attemptFinished() or failed().
    bool attempt(const adaround::AdaRoundConfig& knobs);
    void cancel();
    void wait(); // blocks until the job has ended (tests, shutdown)
    bool isBusy() const { return worker_.isRunning(); }
    bool isOpen() const { return lab_ != nullptr && !worker_.isRunning(); }
    bool hasLab() const { return lab_ != nullptr; } // captured (an attempt may be going)
    // Valid while hasLab(): after opened(), until the next open().
    const adaround::LabSetup& setup() const { return lab_->setup(); }

signals:
    void progress(const QString& stage, qint64 done, qint64 total);
    void event(const SharedRunEvent& e); // an attempt's statistics and histograms, live
    void opened();
    void attemptFinished(const SharedLabAttempt& attempt);
    void failed(const QString& error); // "" for a cancel

private:
    WorkerThread worker_;
    std::unique_ptr<adaround::RunControl> control_;
    std::unique_ptr<adaround::LayerLab> lab_;
};
