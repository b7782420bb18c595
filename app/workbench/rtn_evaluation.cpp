#include "rtn_evaluation.h"

#include "adaround/error.h"

namespace {

struct Cancelled {}; // thrown from the progress callback: not a std::exception, so it passes the core untranslated

} // namespace

RtnEvaluation::RtnEvaluation(QObject* parent) : QObject(parent), worker_(new WorkerThread(this)) {}

RtnEvaluation::~RtnEvaluation()
{
    blockSignals(true); // its receivers may be half destroyed by now
    cancel();
    wait();
}

bool RtnEvaluation::start(const adaround::RtnRequest& request)
{
    if (worker_->isRunning())
        return false;
    cancelled_ = false;
    report_ = {};
    error_.clear();
    // The worker writes report_ and error_ only; the GUI reads them after the thread has finished.
    auto job = [this, request] {
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
    };
    return worker_->start(QStringLiteral("adaround-rtn-evaluation"), job,
                          [this] { emit finished(error_.isEmpty(), error_); });
}

bool RtnEvaluation::isRunning() const
{
    return worker_->isRunning();
}

void RtnEvaluation::cancel()
{
    cancelled_ = true;
}

void RtnEvaluation::wait()
{
    worker_->wait();
}
