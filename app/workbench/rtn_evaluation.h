#pragma once
// FP32 and round-to-nearest accuracy of a model at chosen bits, without an
// AdaRound run (the core's compareRoundToNearest, as `adaround-cli rtn`), on a
// worker thread. Progress and the end reach the GUI through queued signals;
// the report stays available until the next start().
#include "adaround/rtn_comparison.h"
#include "worker_thread.h"

#include <QObject>
#include <QString>

#include <atomic>

class RtnEvaluation : public QObject {
    Q_OBJECT
public:
    explicit RtnEvaluation(QObject* parent = nullptr);
    ~RtnEvaluation() override; // cancels an evaluation that is going and waits for it

    // False (nothing started) while one is going.
    bool start(const adaround::RtnRequest& request);
    bool isRunning() const;
    void cancel(); // the evaluation stops after its current batch; finished() then says so
    void wait();

    const adaround::RtnReport& report() const { return report_; } // valid after finished(true)

signals:
    void progress(qint64 done, qint64 total); // images (files read) of the eval folder
    // OK: report() holds the figures; else ERROR says why ("cancelled" when cancelled).
    void finished(bool ok, const QString& error);

private:
    WorkerThread* worker_;
    std::atomic<bool> cancelled_{false};
    adaround::RtnReport report_;
    QString error_;
};
