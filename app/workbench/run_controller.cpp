#include "run_controller.h"

#include "adaround/error.h"
#include "adaround/observer_list.h"

#include <QDir>
#include <QFileInfo>

RunController::RunController(QObject* parent)
    : QObject(parent), bridge_(new RunEventBridge(this)), worker_(new WorkerThread(this))
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
    if (worker_->isRunning()) {
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
    auto job = [this] {
        // The log first: it has the event on disk before the GUI hears of it.
        adaround::ObserverList observers;
        if (log_)
            observers.add(*log_);
        observers.add(*bridge_);
        result_ = run_->run(observers, *control_);
    };
    return worker_->start(QStringLiteral("adaround-run"), job, [this] { onRunEnded(); });
}

void RunController::onRunEnded()
{
    if (log_) {
        logError_ = QString::fromStdString(log_->writeError());
        log_.reset(); // closes the file
    }
    emit runEnded(result_.end);
}

bool RunController::isRunning() const
{
    return worker_->isRunning();
}

void RunController::pause()
{
    if (isRunning())
        control_->setPaused(true);
}

void RunController::resume()
{
    if (control_)
        control_->setPaused(false);
}

void RunController::cancel()
{
    if (isRunning())
        control_->cancel();
}

void RunController::wait()
{
    worker_->wait();
}
