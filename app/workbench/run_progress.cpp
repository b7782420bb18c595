#include "run_progress.h"

#include "adaround/overloaded.h"
#include "adaround/phase_stages.h"

#include <QLocale>
#include <algorithm>
#include <chrono>
#include <cmath>

namespace {

constexpr double kRateSmoothing = 2.0; // seconds: time constant of the rates' moving averages
constexpr double kEtaSmoothing = 4.0;  // seconds: how fast the shown ETA follows a new estimate...
constexpr double kEtaSmoothingMin = 0.5; // ...when little is left
constexpr double kEtaWarmUp = 1.0;     // seconds of measured loop (or evaluation) before an ETA shows

double steadySeconds()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Moves an exponential moving average toward sample over dt seconds.
void smooth(double& average, int& samples, double sample, double dt)
{
    average = samples == 0 ? sample : average + (sample - average) * (1 - std::exp(-dt / kRateSmoothing));
    ++samples;
}

} // namespace

RunProgress::RunProgress() : RunProgress(Clock{}) {}

RunProgress::RunProgress(Clock clock) : clock_(clock ? std::move(clock) : Clock(steadySeconds)) {}

bool RunProgress::apply(const adaround::RunEvent& event)
{
    return std::visit(adaround::overloaded{[this](const adaround::RunStarted& e) { start(e); return true; },
                                           [this](const adaround::LayerStarted& e) { layerStarted(e); return true; },
                                           [this](const adaround::IterationStats& e) { iteration(e); return true; },
                                           [this](const adaround::LayerFinished& e) { layerFinished(e); return true; },
                                           [this](const adaround::PhaseProgress& e) { phase(e); return true; },
                                           [this](const adaround::RunFinished& e) { finished(e); return true; },
                                           [](const auto&) { return false; }},
                      event);
}

double RunProgress::evaluationWork(int64_t images, int quantizedLayers, int batchSize)
{
    // Per image three forward passes of every quantized layer; a step is a
    // forward and a backward pass of one layer on a batch, plus its fixed cost
    // (the weights' update): on the demo CNN (10,000 images, 5 layers, batch 32)
    // the forward passes took about as long as 780 of its steps, half of
    // images x layers / batch.
    return 0.5 * double(images) * std::max(1, quantizedLayers) / std::max(1, batchSize);
}

void RunProgress::start(const adaround::RunStarted& e)
{
    const adaround::AdaRoundConfig& c = e.config;
    const double batch = std::max(1, c.batchSize);
    const double curve = c.evalSubset > 0 ? double(std::min<int64_t>(c.evalSubset, e.evalImages)) : 0.0;
    layerCount_ = int(e.layers.size());
    plan_.assign(e.layers.size(), {});
    quantizedCount_ = 0;
    for (size_t i = 0; i < plan_.size(); ++i)
        quantizedCount_ += i < e.bits.size() && e.bits[i] > 0;
    totalWork_ = 0;
    futureIterations_ = 0;
    for (size_t i = 0; i < plan_.size(); ++i) {
        Planned& p = plan_[i];
        p.quantized = i < e.bits.size() && e.bits[i] > 0;
        if (!p.quantized)
            continue; // kept in float: no events, no share
        const bool optimised = i < e.adaround.size() && e.adaround[i];
        p.iterations = optimised ? c.iterations : 0;
        // Outside the loop, in the same unit: the inputs' capture (two models,
        // one segment), the targets and three output errors on the calibration
        // images, and the progress curve (two models, on average half the network).
        const double curveWork = curve * quantizedCount_ / 3.0 / batch;
        p.work = p.iterations + (optimised ? 2.0 * double(e.calibImages) / batch : double(e.calibImages) / 1.5 / batch) +
                 curveWork;
        p.work = std::max(1.0, p.work);
        totalWork_ += p.work;
        futureIterations_ += p.iterations;
    }
    evalWork_ = evaluationWork(e.evalImages, quantizedCount_, c.batchSize);
    evalImages_ = double(e.evalImages);
    totalWork_ += evalWork_;
    doneWork_ = 0;
    finishedCount_ = 0;
    layer_ = -1;
    layerOpen_ = false;
    layerIteration_ = 0;
    iterationsDone_ = 0;
    doneBefore_ = 0;
    name_.clear();
    inPhase_ = finalEval_ = completed_ = false;
    startedAt_ = now();
    firstLayerAt_ = -1;
    lastStatsAt_ = -1;
    layerRate_ = 0;
    layerRateSamples_ = 0;
    loopSeconds_ = loopIterations_ = 0;
    evalStartedAt_ = lastEvalAt_ = -1;
    evalRate_ = 0;
    evalRateSamples_ = 0;
    evalDone_ = evalTotal_ = lastEvalDone_ = 0;
    shownEta_ = -1;
}

void RunProgress::layerStarted(const adaround::LayerStarted& e)
{
    if (firstLayerAt_ < 0)
        firstLayerAt_ = now();
    layer_ = e.layer;
    name_ = QString::fromStdString(e.name);
    layerIterations_ = std::max(1, e.iterations);
    layerIteration_ = 0;
    layerOpen_ = true;
    lastStatsAt_ = -1;
    layerRate_ = 0;
    layerRateSamples_ = 0;
    if (e.layer >= 0 && size_t(e.layer) < plan_.size())
        futureIterations_ = std::max(0, futureIterations_ - plan_[size_t(e.layer)].iterations);
    updateEta();
}

void RunProgress::phase(const adaround::PhaseProgress& e)
{
    inPhase_ = e.phase != adaround::RunPhase::Optimising;
    phaseFraction_ = e.total > 0 ? std::clamp(double(e.done) / double(e.total), 0.0, 1.0) : 0.0;
    const double t = now();
    if (e.phase == adaround::RunPhase::Loading) {
        // Chunks of decoded images (one count per folder): the decoding rate.
        if (loadAt_ >= 0 && e.done > loadDone_ && t > loadAt_) {
            loadSeconds_ += t - loadAt_;
            loadImages_ += double(e.done - loadDone_);
        }
        loadAt_ = t;
        loadDone_ = e.done;
    }
    if (e.phase == adaround::RunPhase::Optimising) {
        lastStatsAt_ = t; // the loop begins: its first span counts from here
        lastStatsIteration_ = 0;
    }
    if (e.phase == adaround::RunPhase::Evaluating && e.detail == adaround::kFinalEvaluationStage) {
        finalEval_ = true;
        if (lastEvalAt_ >= 0 && e.done > lastEvalDone_ && t > lastEvalAt_)
            smooth(evalRate_, evalRateSamples_, double(e.done - lastEvalDone_) / (t - lastEvalAt_), t - lastEvalAt_);
        if (evalStartedAt_ < 0)
            evalStartedAt_ = t;
        lastEvalAt_ = t;
        lastEvalDone_ = evalDone_ = e.done;
        evalTotal_ = e.total;
        phaseText_ = QStringLiteral("Evaluating: final FP32, RTN, AdaRound — %1 of %2 images")
                         .arg(QLocale().toString(qlonglong(e.done)), QLocale().toString(qlonglong(e.total)));
    } else {
        phaseText_ = QStringLiteral("%1 %2").arg(QString::fromLatin1(adaround::toString(e.phase)),
                                                 QString::fromStdString(e.detail));
    }
    updateEta();
}

void RunProgress::iteration(const adaround::IterationStats& e)
{
    inPhase_ = false;
    const double t = now();
    // The span from the loop's start to its first report holds the targets'
    // set-up: it is time outside the loop, not a rate sample.
    if (lastStatsAt_ >= 0 && lastStatsIteration_ > 0 && e.iteration > lastStatsIteration_ && t > lastStatsAt_) {
        const double dt = t - lastStatsAt_;
        const int di = e.iteration - lastStatsIteration_;
        smooth(layerRate_, layerRateSamples_, di / dt, dt);
        loopSeconds_ += dt;
        loopIterations_ += di;
    }
    lastStatsAt_ = t;
    lastStatsIteration_ = e.iteration;
    layerIteration_ = e.iteration;
    iterationsDone_ = doneBefore_ + e.iteration;
    updateEta();
}

void RunProgress::layerFinished(const adaround::LayerFinished& e)
{
    if (e.layer >= 0 && size_t(e.layer) < plan_.size() && plan_[size_t(e.layer)].quantized) {
        doneWork_ += plan_[size_t(e.layer)].work;
        ++finishedCount_;
    }
    doneBefore_ = iterationsDone_ = doneBefore_ + (e.optimised ? layerIteration_ : 0);
    layerIteration_ = layerIterations_;
    layerOpen_ = false;
    lastStatsAt_ = -1;
    updateEta();
}

void RunProgress::finished(const adaround::RunFinished&)
{
    completed_ = true;
    inPhase_ = false;
    layerOpen_ = false;
    shownEta_ = 0;
    shownAt_ = now();
}

void RunProgress::setPaused(bool paused)
{
    if (paused && pausedSince_ < 0)
        pausedSince_ = clock_();
    else if (!paused && pausedSince_ >= 0) {
        pausedTotal_ += clock_() - pausedSince_;
        pausedSince_ = -1;
    }
}

double RunProgress::now() const
{
    const double t = pausedSince_ >= 0 ? pausedSince_ : clock_();
    return t - pausedTotal_;
}

double RunProgress::layerFraction() const
{
    return std::clamp(double(layerIteration_) / layerIterations_, 0.0, 1.0);
}

double RunProgress::overallFraction() const
{
    if (completed_)
        return 1.0;
    if (totalWork_ <= 0)
        return 0;
    double current = 0;
    if (layerOpen_ && layer_ >= 0 && size_t(layer_) < plan_.size())
        current = plan_[size_t(layer_)].iterations * layerFraction(); // its other work counts at its end
    const double evaluated = finalEval_ && evalTotal_ > 0 ? evalWork_ * double(evalDone_) / double(evalTotal_) : 0.0;
    return std::clamp((doneWork_ + current + evaluated) / totalWork_, 0.0, 1.0);
}

double RunProgress::meanRate() const
{
    return loopSeconds_ > 0 ? loopIterations_ / loopSeconds_ : 0.0;
}

int RunProgress::layersLeft() const
{
    return std::max(0, quantizedCount_ - finishedCount_);
}

double RunProgress::rawEta() const
{
    if (completed_)
        return 0;
    if (startedAt_ < 0)
        return -1;
    const double t = now();
    const bool evalKnown = finalEval_ && evalRateSamples_ >= 2 && evalRate_ > 0 && t - evalStartedAt_ >= kEtaWarmUp;
    const double rate = loopSeconds_ >= kEtaWarmUp ? meanRate() : 0.0;
    if (evalKnown && layersLeft() == 0)
        return double(std::max<int64_t>(0, evalTotal_ - evalDone_)) / evalRate_;
    if (rate <= 0)
        return -1; // nothing measured yet (or an all-RTN plan before its evaluation)

    double seconds = 0;
    if (layerOpen_ && layer_ >= 0 && size_t(layer_) < plan_.size() && plan_[size_t(layer_)].iterations > 0) {
        const double current = layerRateSamples_ >= 2 ? layerRate_ : rate;
        seconds += std::max(0, layerIterations_ - layerIteration_) / current;
    }
    seconds += futureIterations_ / rate;
    // Time outside the loop per layer (targets, metrics, the next capture, the
    // curve): measured from the first layer on once one has finished; until
    // then, all the time outside the loop so far (the first capture with it).
    const double outside = finishedCount_ > 0 ? (t - firstLayerAt_ - loopSeconds_) / finishedCount_
                                              : t - startedAt_ - loopSeconds_;
    seconds += layersLeft() * std::max(0.0, outside);
    seconds += evalKnown ? double(std::max<int64_t>(0, evalTotal_ - evalDone_)) / evalRate_ : evaluationSeconds(rate);
    return seconds;
}

double RunProgress::evaluationSeconds(double iterationRate) const
{
    // Each image decoded as the calibration images were, then through three models.
    const double decoding = loadImages_ > 0 ? evalImages_ * loadSeconds_ / loadImages_ : 0.0;
    return decoding + evalWork_ / iterationRate;
}

void RunProgress::updateEta()
{
    const double raw = rawEta();
    if (raw < 0)
        return;
    const double t = now();
    if (shownEta_ < 0) {
        shownEta_ = raw;
    } else {
        const double dt = std::max(0.0, t - shownAt_);
        const double predicted = std::max(0.0, shownEta_ - dt);
        // Slower the further off the end: steady over a long run, and it still
        // reaches a short remainder in time.
        const double tau = std::clamp(0.1 * std::min(raw, predicted), kEtaSmoothingMin, kEtaSmoothing);
        shownEta_ = predicted + (raw - predicted) * (1 - std::exp(-dt / tau));
    }
    shownAt_ = t;
}

double RunProgress::etaSeconds() const
{
    if (shownEta_ < 0)
        return -1;
    return std::max(0.0, shownEta_ - (now() - shownAt_));
}

QString RunProgress::formatDuration(double seconds)
{
    const qint64 s = qint64(seconds + 0.5);
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}
