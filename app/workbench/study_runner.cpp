#include "study_runner.h"

#include "adaround/study_log.h"

#include <QThread>

namespace {

// The worker's observer: every event to the GUI thread (queued), progress included.
class Forwarder : public adaround::StudyObserver {
public:
    explicit Forwarder(StudyRunner* runner, void (StudyRunner::*signal)(const SharedStudyEvent&))
        : runner_(runner), signal_(signal)
    {
    }
    void onEvent(const adaround::StudyEvent& e) override
    {
        (runner_->*signal_)(std::make_shared<const adaround::StudyEvent>(e));
    }

private:
    StudyRunner* runner_;
    void (StudyRunner::*signal_)(const SharedStudyEvent&);
};

} // namespace

StudyRunner::StudyRunner(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<SharedStudyEvent>();
}

StudyRunner::~StudyRunner()
{
    blockSignals(true); // its receivers may be half destroyed by now
    cancel();
    wait();
}

bool StudyRunner::start(const adaround::StudyRequest& request, const QString& logPath, QString* error)
{
    if (thread_) {
        *error = tr("A study is running already.");
        return false;
    }
    std::shared_ptr<adaround::StudyLogWriter> log;
    try {
        if (!logPath.isEmpty()) // created here, so a refused path is said at once
            log = std::make_shared<adaround::StudyLogWriter>(logPath.toStdString(),
                                                             adaround::RunLogContext{"adaround-workbench", qVersion()});
    } catch (const std::exception& e) {
        *error = QString::fromStdString(e.what());
        return false;
    }
    logPath_ = logPath;
    control_ = std::make_unique<adaround::RunControl>();
    adaround::RunControl* control = control_.get();
    thread_ = QThread::create([this, request, log, control]() mutable {
        Forwarder forward(this, &StudyRunner::studyEvent);
        adaround::StudyObserverList all;
        if (log)
            all.add(*log); // first: a sample is on disk before the window shows it
        all.add(forward);
        adaround::runStochasticStudy(request, all, *control); // never throws
        log.reset(); // closed (and saved for the last time) on this thread
    });
    thread_->setObjectName(QStringLiteral("adaround-study"));
    QThread* t = thread_;
    connect(t, &QThread::finished, this, [this, t] { onThreadFinished(t); });
    thread_->start();
    return true;
}

void StudyRunner::cancel()
{
    if (control_)
        control_->cancel();
}

void StudyRunner::wait()
{
    if (!thread_)
        return;
    QThread* t = thread_;
    t->wait();
    onThreadFinished(t);
}

void StudyRunner::onThreadFinished(QThread* t)
{
    if (t != thread_)
        return; // wait() has handled it already
    thread_->deleteLater();
    thread_ = nullptr;
    emit finished();
}
