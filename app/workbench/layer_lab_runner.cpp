#include "layer_lab_runner.h"

#include "adaround/error.h"
#include "adaround/run_log.h"

namespace {

// The worker's observer: phases as progress, the attempt's curves as events.
class Forwarder : public adaround::RunObserver {
public:
    explicit Forwarder(LayerLabRunner* runner) : runner_(runner) {}
    void onEvent(const adaround::RunEvent& e) override
    {
        if (const auto* p = std::get_if<adaround::PhaseProgress>(&e))
            emit runner_->progress(QString::fromStdString(p->detail), p->done, p->total);
        else if (std::holds_alternative<adaround::IterationStats>(e) ||
                 std::holds_alternative<adaround::HistogramSnapshot>(e))
            emit runner_->event(std::make_shared<const adaround::RunEvent>(e));
    }

private:
    LayerLabRunner* runner_;
};

} // namespace

LayerLabRunner::LayerLabRunner(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<SharedLabAttempt>();
    qRegisterMetaType<SharedRunEvent>();
}

LayerLabRunner::~LayerLabRunner()
{
    blockSignals(true); // its receivers may be half destroyed by now
    cancel();
    worker_.wait();
}

bool LayerLabRunner::open(const adaround::LabRequest& request, const QString& contextLog)
{
    if (worker_.isRunning())
        return false;
    lab_.reset(); // its capture is freed before the next one is made
    control_ = std::make_unique<adaround::RunControl>();
    auto result = std::make_shared<std::unique_ptr<adaround::LayerLab>>();
    auto error = std::make_shared<std::string>();
    const std::string logPath = contextLog.toStdString();
    adaround::RunControl* control = control_.get();
    adaround::LabRequest copy = request; // the worker's own, completed with the stored run's roundings
    return worker_.start(
        QStringLiteral("adaround-layer-lab"),
        [this, request = std::move(copy), logPath, control, result, error]() mutable {
            if (!logPath.empty()) {
                try {
                    const adaround::RunLog log = adaround::readRunLog(logPath);
                    if (log.record.weights.empty())
                        throw adaround::Error(logPath + ": the run log holds no rounded layer to use as the context");
                    request.context = adaround::LabContext::Run;
                    request.runWeights = log.record.weights;
                } catch (const std::exception& e) {
                    *error = e.what();
                    return;
                }
            }
            Forwarder forward(this);
            *result = adaround::LayerLab::open(request, forward, *control, error.get());
        },
        [this, result, error] {
            lab_ = std::move(*result);
            if (lab_)
                emit opened();
            else
                emit failed(QString::fromStdString(*error));
        });
}

bool LayerLabRunner::attempt(const adaround::AdaRoundConfig& knobs)
{
    if (worker_.isRunning() || !lab_)
        return false;
    control_ = std::make_unique<adaround::RunControl>();
    auto result = std::make_shared<adaround::LabAttempt>();
    adaround::RunControl* control = control_.get();
    adaround::LayerLab* lab = lab_.get();
    return worker_.start(
        QStringLiteral("adaround-layer-lab"),
        [this, lab, knobs, control, result] {
            Forwarder forward(this);
            *result = lab->attempt(knobs, forward, *control); // never throws
        },
        [this, result] {
            if (!result->error.empty())
                emit failed(QString::fromStdString(result->error));
            else if (result->cancelled)
                emit failed(QString());
            else
                emit attemptFinished(result);
        });
}

void LayerLabRunner::cancel()
{
    if (control_)
        control_->cancel();
}

void LayerLabRunner::wait()
{
    worker_.wait();
}
