#pragma once
// Keeps a sweep folder's report up to date for the sweep view: the manifest
// and the points' logs are read on a worker thread (core's readSweepStates
// with a cache, so a poll re-reads only the logs that changed, then
// sweepReport), every 2 s while any point is pending, queued or running, or
// while a sweep this window started is going. The GUI thread never reads a log.
#include "adaround/json.h"
#include "adaround/sweep_folder.h"
#include "adaround/sweep_report.h"

#include <QObject>
#include <QString>
#include <QTimer>

class WorkerThread;

class SweepWatcher : public QObject {
    Q_OBJECT
public:
    explicit SweepWatcher(QObject* parent = nullptr);
    ~SweepWatcher() override; // waits for a read in progress

    // Watches DIR from now on: reads it in the background (reportChanged, or
    // readFailed when DIR holds no sweep and none is being started there).
    void open(const QString& dir);
    QString dir() const { return dir_; }
    void refresh(); // reads now, or right after the read in progress
    // A sweep that this window started writes into the folder: keep polling
    // (also while its manifest is not written yet) until it ends.
    void setSweepRunning(bool running);
    bool isPolling() const { return timer_.isActive(); }
    bool isReading() const;
    void waitForRead(); // blocks until a read in progress has ended (tests, shutdown)

    const adaround::Json& report() const { return report_; }
    int logsRead() const { return cache_.reads; } // logs parsed so far (the cache's misses)

    static constexpr int kIntervalMs = 2000;

signals:
    void reportChanged();
    void readFailed(const QString& error);

private:
    void startRead();
    void onRead();
    bool anyPointLive() const;

    QString dir_;
    WorkerThread* worker_;
    QTimer timer_;
    bool again_ = false;
    bool sweepRunning_ = false;
    int generation_ = 0; // a read of a folder opened before is dropped
    // Written by the read on the worker thread; the GUI thread reads them in onRead.
    adaround::SweepManifest manifest_;
    adaround::SweepStateCache cache_;
    adaround::Json readReport_, report_ = adaround::Json::object();
    QString readError_;
    bool noManifest_ = false;
};
