#pragma once
// Runs one AdaRound run at a time on a worker thread. The engine's events
// reach the GUI through events() (queued signals); pause, resume and cancel go
// through the engine's thread-safe RunControl. The finished run (result and
// quantized model, for exports) stays available until the next start().
#include "adaround/adaround_run.h"
#include "adaround/run_log.h"
#include "run_event_bridge.h"
#include "worker_thread.h"

#include <QObject>
#include <QString>
#include <memory>

class RunController : public QObject {
    Q_OBJECT
public:
    explicit RunController(QObject* parent = nullptr);
    ~RunController() override; // cancels a run that is going and waits for it

    RunEventBridge* events() const { return bridge_; }

    // Starts CONFIG. When LOG_PATH is not empty the run writes its HDF5 log there
    // (its folder is created); the log is complete and closed when runEnded comes.
    // Returns false with a message when a run is going or the log cannot be created.
    bool start(const adaround::AdaRoundConfig& config, const QString& logPath = {}, QString* error = nullptr);
    bool isRunning() const;
    bool isPaused() const { return isRunning() && control_->paused(); }
    void pause();
    void resume();
    void cancel();
    void wait(); // blocks until the worker thread has ended; for shutdown and tests

    // The last finished run (valid after runEnded).
    const adaround::RunResult& result() const { return result_; }
    adaround::AdaRoundRun* finishedRun() const { return isRunning() ? nullptr : run_.get(); }
    QString logPath() const { return logPath_; }
    QString logError() const { return logError_; } // a write failure of the last run's log

signals:
    void runEnded(adaround::RunEnd end); // after every event of the run was delivered

private:
    void onRunEnded();

    RunEventBridge* bridge_;
    WorkerThread* worker_;
    std::unique_ptr<adaround::RunControl> control_;
    std::unique_ptr<adaround::AdaRoundRun> run_;
    std::unique_ptr<adaround::RunLogWriter> log_;
    adaround::RunResult result_;
    QString logPath_, logError_;
};
