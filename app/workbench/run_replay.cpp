#include "run_replay.h"

#include "adaround/overloaded.h"

#include <algorithm>
#include <map>

namespace {

constexpr int kTickMs = 33;                // ~30 Hz, as the live views redraw at most 10 Hz anyway
constexpr size_t kMaxEventsPerTick = 2000; // a tick's work stays a few milliseconds at any speed
constexpr double kFallbackIterationsPerSecond = 1000; // logs that measured no speed
constexpr double kSecondsPerEventWithoutTime = 0.01;  // runs without iterations (RTN only)

// Each event's time in the run: within a layer at the layer's measured speed,
// a layer's end after its measured seconds (targets, metrics). Between layers
// (evaluations) the log keeps no time: they take none.
std::vector<double> timesOf(const adaround::RunRecord& record, const std::vector<SharedRunEvent>& events)
{
    std::map<int, const adaround::LayerFinished*> finished;
    for (const adaround::LayerFinished& f : record.layers)
        finished[f.layer] = &f;
    std::vector<double> at;
    at.reserve(events.size());
    double now = 0, layerStart = 0, perSecond = kFallbackIterationsPerSecond;
    for (const SharedRunEvent& e : events) {
        std::visit(adaround::overloaded{
                       [&](const adaround::LayerStarted& s) {
                           layerStart = now;
                           const auto f = finished.find(s.layer);
                           perSecond = f != finished.end() && f->second->iterationsPerSecond > 0
                                           ? f->second->iterationsPerSecond
                                           : kFallbackIterationsPerSecond;
                       },
                       [&](const adaround::IterationStats& s) { now = layerStart + s.iteration / perSecond; },
                       [&](const adaround::HistogramSnapshot& s) { now = layerStart + s.iteration / perSecond; },
                       [&](const adaround::LayerFinished& f) { now = std::max(now, layerStart + f.seconds); },
                       [](const auto&) {}},
                   *e);
        at.push_back(now);
    }
    if (!at.empty() && at.back() <= 0)
        for (size_t i = 0; i < at.size(); ++i)
            at[i] = double(i) * kSecondsPerEventWithoutTime;
    return at;
}

} // namespace

QList<RunReplay::Speed> RunReplay::presets()
{
    return {{Speed::TimesOriginal, 1},  {Speed::TimesOriginal, 10}, {Speed::TimesOriginal, 100},
            {Speed::WholeRunIn, 10},    {Speed::WholeRunIn, 30},    {Speed::WholeRunIn, 60},
            {Speed::WholeRunIn, 120}};
}

QString RunReplay::describe(const Speed& s)
{
    if (s.kind == Speed::TimesOriginal)
        return s.value == 1 ? tr("1× (the run's own pace)") : tr("%1× the run's pace").arg(s.value);
    return s.value >= 60 && int(s.value) % 60 == 0 ? tr("whole run in %1 min").arg(int(s.value) / 60)
                                                     : tr("whole run in %1 s").arg(s.value);
}

RunReplay::RunReplay(QObject* parent) : QObject(parent)
{
    timer_.setInterval(kTickMs);
    connect(&timer_, &QTimer::timeout, this, &RunReplay::tick);
}

void RunReplay::start(const adaround::RunRecord& record, const Speed& speed)
{
    timer_.stop();
    events_.clear();
    adaround::CallbackObserver collect(
        [this](const adaround::RunEvent& e) { events_.push_back(std::make_shared<const adaround::RunEvent>(e)); });
    adaround::replay(record, collect);
    at_ = timesOf(record, events_);
    next_ = 0;
    clock_ = 0;
    speed_ = speed;
    paused_ = false;
    active_ = true;
    wall_.start();
    timer_.start();
}

void RunReplay::setSpeed(const Speed& speed)
{
    speed_ = speed; // the clock is in run time: the position stays
}

double RunReplay::runSeconds() const
{
    return at_.empty() ? 0 : at_.back();
}

double RunReplay::rate() const
{
    if (speed_.kind == Speed::TimesOriginal)
        return std::max(speed_.value, 1e-6);
    return runSeconds() / std::max(speed_.value, 1e-3);
}

double RunReplay::replaySeconds() const
{
    return runSeconds() / rate();
}

double RunReplay::fraction() const
{
    if (events_.empty())
        return 0;
    if (next_ >= events_.size())
        return 1;
    return runSeconds() > 0 ? std::min(1.0, clock_ / runSeconds()) : double(next_) / double(events_.size());
}

void RunReplay::setPaused(bool paused)
{
    if (!active_ || paused == paused_)
        return;
    paused_ = paused;
    if (paused) {
        timer_.stop();
    } else {
        wall_.restart(); // the pause is not replayed time
        timer_.start();
    }
}

void RunReplay::stop()
{
    if (!active_)
        return;
    timer_.stop();
    active_ = false;
    paused_ = false;
    emit ended(false);
}

void RunReplay::tick()
{
    advance(double(wall_.restart()) / 1000.0);
}

void RunReplay::advance(double seconds)
{
    if (!active_ || paused_)
        return;
    clock_ += seconds * rate();
    size_t sent = 0;
    while (active_ && next_ < events_.size() && at_[next_] <= clock_) {
        if (sent == kMaxEventsPerTick) {
            clock_ = at_[next_ - 1]; // behind, not skipping: the rest comes next tick
            break;
        }
        const SharedRunEvent e = events_[next_++];
        ++sent;
        emit runEvent(e); // a receiver may stop() the replay
    }
    if (!active_)
        return;
    emit progressed(fraction());
    if (next_ == events_.size()) {
        timer_.stop();
        active_ = false;
        emit ended(true);
    }
}
