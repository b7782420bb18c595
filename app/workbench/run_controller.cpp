#include "run_controller.h"

#include "fan_out_observer.h"

#include <QThread>

RunController::RunController(QObject* parent) : QObject(parent), bridge_(new RunEventBridge(this))
{
    qRegisterMetaType<adaround::RunEnd>("adaround::RunEnd");
}

RunController::~RunController()
{
    cancel();
    wait();
}

bool RunController::start(const adaround::AdaRoundConfig& config, const QString& logPath, QString* error)
{
    if (thread_) {
        if (error)
            *error = tr("A run is already going.");
        return false;
    }
    control_ = std::make_unique<adaround::RunControl>();
    run_ = std::make_unique<adaround::AdaRoundRun>(config);
    result_ = {};
    logPath_ = logPath;
    logError_.clear();

    // The worker owns nothing of the GUI: it writes result_ only, which the GUI
    // reads after the thread has finished.
    thread_ = QThread::create([this] {
        FanOutObserver observers;
        observers.add(bridge_);
        result_ = run_->run(observers, *control_);
    });
    thread_->setObjectName(QStringLiteral("adaround-run"));
    QThread* t = thread_;
    connect(t, &QThread::finished, this, [this, t] { onThreadFinished(t); });
    thread_->start();
    return true;
}

void RunController::onThreadFinished(QThread* t)
{
    if (t != thread_)
        return; // wait() has handled it already
    thread_->deleteLater();
    thread_ = nullptr;
    emit runEnded(result_.end);
}

void RunController::pause()
{
    if (thread_)
        control_->setPaused(true);
}

void RunController::resume()
{
    if (control_)
        control_->setPaused(false);
}

void RunController::cancel()
{
    if (thread_)
        control_->cancel();
}

void RunController::wait()
{
    if (!thread_)
        return;
    thread_->wait();
    onThreadFinished(thread_); // its queued finished signal may not have been delivered yet
}
