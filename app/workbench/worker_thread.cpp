#include "worker_thread.h"

#include <QThread>

WorkerThread::WorkerThread(QObject* parent) : QObject(parent) {}

WorkerThread::~WorkerThread()
{
    if (thread_)
        thread_->wait();
}

bool WorkerThread::start(const QString& name, std::function<void()> job, std::function<void()> ended)
{
    if (thread_)
        return false;
    ended_ = std::move(ended);
    thread_ = QThread::create(std::move(job));
    thread_->setObjectName(name);
    QThread* t = thread_;
    connect(t, &QThread::finished, this, [this, t] { onFinished(t); });
    thread_->start();
    return true;
}

void WorkerThread::wait()
{
    if (!thread_)
        return;
    QThread* t = thread_;
    t->wait();
    onFinished(t); // its queued finished signal may not have been delivered yet
}

void WorkerThread::onFinished(QThread* t)
{
    if (t != thread_)
        return; // wait() has ended it already
    thread_->deleteLater();
    thread_ = nullptr;
    if (auto ended = std::move(ended_))
        ended();
}
