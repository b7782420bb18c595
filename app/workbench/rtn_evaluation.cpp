#include "rtn_evaluation.h"

#include "adaround/error.h"

#include <QThread>

namespace {

struct Cancelled {}; // thrown from the progress callback: not a std::exception, so it passes the core untranslated

} // namespace

RtnEvaluation::RtnEvaluation(QObject* parent) : QObject(parent) {}

RtnEvaluation::~RtnEvaluation()
{
    blockSignals(true); // its receivers may be half destroyed by now
    cancel();
    wait();
}

bool RtnEvaluation::start(const adaround::RtnRequest& request)
{
    if (thread_)
        return false;
    cancelled_ = false;
    report_ = {};
    error_.clear();
    // The worker writes report_ and error_ only; the GUI reads them after the thread has finished.
    thread_ = QThread::create([this, request] {
        try {
            report_ = adaround::compareRoundToNearest(request, [this](const adaround::Progress& p) {
                if (cancelled_)
                    throw Cancelled{};
                emit progress(p.done, p.total);
            });
        } catch (const Cancelled&) {
            error_ = tr("cancelled");
        } catch (const std::exception& e) {
            error_ = QString::fromStdString(e.what());
        } catch (...) {
            error_ = tr("unexpected error");
        }
    });
    thread_->setObjectName(QStringLiteral("adaround-rtn-evaluation"));
    QThread* t = thread_;
    connect(t, &QThread::finished, this, [this, t] { onThreadFinished(t); });
    thread_->start();
    return true;
}

void RtnEvaluation::cancel()
{
    cancelled_ = true;
}

void RtnEvaluation::wait()
{
    if (!thread_)
        return;
    QThread* t = thread_;
    t->wait();
    onThreadFinished(t);
}

void RtnEvaluation::onThreadFinished(QThread* t)
{
    if (t != thread_)
        return; // wait() has handled it already
    thread_->deleteLater();
    thread_ = nullptr;
    emit finished(error_.isEmpty(), error_);
}
