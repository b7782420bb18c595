#include "run_controller.h"

#include "adaround/error.h"
#include "adaround/observer_list.h"

#include <QDir>
#include <QFileInfo>
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
    std::unique_ptr<adaround::RunLogWriter> log;
    if (!logPath.isEmpty()) {
        try {
            QDir().mkpath(QFileInfo(logPath).absolutePath());
            adaround::RunLogContext context;
            context.application = "adaround-workbench";
            context.qtVersion = qVersion();
            log = std::make_unique<adaround::RunLogWriter>(logPath.toStdString(), std::move(context));
        } catch (const adaround::Error& e) {
            if (error)
                *error = tr("Cannot write the run log: %1").arg(QString::fromStdString(e.what()));
            return false;
        }
    }
    log_ = std::move(log);
    control_ = std::make_unique<adaround::RunControl>();
    run_ = std::make_unique<adaround::AdaRoundRun>(config);
    result_ = {};
    logPath_ = logPath;
    logError_.clear();

    // The worker owns nothing of the GUI: it writes result_ only, which the GUI
    // reads after the thread has finished.
    thread_ = QThread::create([this] {
        // The log first: it has the event on disk before the GUI hears of it.
        adaround::ObserverList observers;
        if (log_)
            observers.add(*log_);
        observers.add(*bridge_);
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
    if (log_) {
        logError_ = QString::fromStdString(log_->writeError());
        log_.reset(); // closes the file
    }
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
