#include "run_progress.h"

#include "adaround/overloaded.h"

#include <algorithm>

bool RunProgress::apply(const adaround::RunEvent& event)
{
    return std::visit(adaround::overloaded{[this](const adaround::RunStarted& e) { start(e); return true; },
                                           [this](const adaround::LayerStarted& e) { layerStarted(e); return true; },
                                           [this](const adaround::IterationStats& e) { iteration(e); return true; },
                                           [this](const adaround::LayerFinished& e) { layerFinished(e); return true; },
                                           [this](const adaround::PhaseProgress& e) { phase(e); return true; },
                                           [](const auto&) { return false; }},
                      event);
}

void RunProgress::start(const adaround::RunStarted& e)
{
    work_.assign(e.layers.size(), 1.0);
    for (size_t i = 0; i < e.layers.size(); ++i) {
        const bool optimised = i < e.adaround.size() && e.adaround[i] && i < e.bits.size() && e.bits[i] > 0;
        // A layer without optimisation still costs its targets and metrics: about a
        // few dozen steps' worth.
        work_[i] = optimised ? double(e.config.iterations) : std::min(50.0, double(e.config.iterations));
    }
    totalWork_ = 0;
    for (double w : work_)
        totalWork_ += w;
    doneWork_ = 0;
    layer_ = -1;
    layerOpen_ = false;
    layerIteration_ = 0;
    iterationsDone_ = 0;
    doneBefore_ = 0;
    name_.clear();
    clock_.start();
}

void RunProgress::layerStarted(const adaround::LayerStarted& e)
{
    layer_ = e.layer;
    name_ = QString::fromStdString(e.name);
    layerIterations_ = std::max(1, e.iterations);
    layerIteration_ = 0;
    layerOpen_ = true;
}

void RunProgress::phase(const adaround::PhaseProgress& e)
{
    inPhase_ = e.phase != adaround::RunPhase::Optimising;
    phaseText_ = QStringLiteral("%1 %2").arg(QString::fromLatin1(adaround::toString(e.phase)),
                                             QString::fromStdString(e.detail));
    phaseFraction_ = e.total > 0 ? std::clamp(double(e.done) / double(e.total), 0.0, 1.0) : 0.0;
}

void RunProgress::iteration(const adaround::IterationStats& e)
{
    inPhase_ = false;
    layerIteration_ = e.iteration;
    iterationsDone_ = doneBefore_ + e.iteration;
}

void RunProgress::layerFinished(const adaround::LayerFinished& e)
{
    if (e.layer >= 0 && size_t(e.layer) < work_.size())
        doneWork_ += work_[size_t(e.layer)];
    doneBefore_ = iterationsDone_ = doneBefore_ + (e.optimised ? layerIteration_ : 0);
    layerIteration_ = layerIterations_;
    layerOpen_ = false;
}

double RunProgress::layerFraction() const
{
    return std::clamp(double(layerIteration_) / layerIterations_, 0.0, 1.0);
}

double RunProgress::overallFraction() const
{
    if (totalWork_ <= 0)
        return 0;
    double current = 0;
    if (layerOpen_ && size_t(layer_) < work_.size())
        current = work_[size_t(layer_)] * layerFraction();
    return std::clamp((doneWork_ + current) / totalWork_, 0.0, 1.0);
}

double RunProgress::etaSeconds() const
{
    const double f = overallFraction();
    const double elapsed = clock_.isValid() ? clock_.elapsed() / 1000.0 : 0;
    if (f < 0.01 || elapsed < 1)
        return -1;
    return elapsed * (1 - f) / f;
}

QString RunProgress::formatDuration(double seconds)
{
    const qint64 s = qint64(seconds + 0.5);
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}
