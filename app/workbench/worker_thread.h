#pragma once
// One background job at a time on its own QThread, for the window's long
// tasks (a run, an evaluation). The job's end reaches the owner once, on the
// GUI thread: through the thread's queued finished signal, or at once from
// wait() (shutdown and tests) if that comes first.
#include <QObject>
#include <QString>

#include <functional>

class QThread;

class WorkerThread : public QObject {
    Q_OBJECT
public:
    explicit WorkerThread(QObject* parent = nullptr);
    ~WorkerThread() override; // waits for a job that is going: the owner cancels it first

    // Runs JOB on a new thread named NAME; ENDED runs on this object's thread
    // after it returns. False (nothing started) while a job is going.
    bool start(const QString& name, std::function<void()> job, std::function<void()> ended);
    bool isRunning() const { return thread_ != nullptr; }
    void wait(); // blocks until the job has returned, then ends it

private:
    void onFinished(QThread* t);

    QThread* thread_ = nullptr;
    std::function<void()> ended_;
};
