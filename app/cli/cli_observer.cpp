#include "cli_observer.h"

#include "adaround/overloaded.h"
#include "run_report.h"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace cli {

CliObserver::CliObserver(bool enabled) : enabled_(enabled), tty_(isatty(fileno(stderr)) != 0) {}

void CliObserver::onEvent(const adaround::RunEvent& event)
{
    // Histograms, weights and the run's figures are not shown: run_command reports the result.
    std::visit(adaround::overloaded{[this](const adaround::RunStarted& e) { runStarted(e); },
                                    [this](const adaround::LayerStarted& e) { layerStarted(e); },
                                    [this](const adaround::IterationStats& e) { iteration(e); },
                                    [this](const adaround::LayerFinished& e) { layerFinished(e); },
                                    [this](const adaround::SubsetBaseline& e) { baseline(e); },
                                    [this](const adaround::AccuracyPoint& e) { accuracy(e); },
                                    [this](const adaround::RunCancelled& e) { runCancelled(e.layersDone); },
                                    [this](const adaround::PhaseProgress& e) { phase(e); },
                                    [this](const adaround::RunFinished& e) {
                                        endLine();
                                        printSkipped(e.skippedEval, std::cerr); // met while evaluating
                                    },
                                    [](const auto&) {}},
               event);
}

void CliObserver::endLine()
{
    if (open_) {
        std::fputc('\n', stderr);
        open_ = false;
    }
}

void CliObserver::runStarted(const adaround::RunStarted& e)
{
    endLine(); // the loading line
    layers_ = 0;
    for (int b : e.bits)
        layers_ += b != 0;
    // Left-out images are named even with --quiet, as `rtn` does.
    printSkipped(e.skippedCalib, std::cerr);
    printSkipped(e.skippedEval, std::cerr);
    if (enabled_) {
        std::fprintf(stderr, "AdaRound: %d layers, %d iterations each, %lld calibration images, %s\n", layers_,
                     e.config.iterations, (long long)e.calibImages, e.preprocess.c_str());
        std::fprintf(stderr, "classes: %s\n", adaround::describeClassMapping(e.classes).c_str());
        if (e.memory.budget > 0)
            std::fprintf(stderr, "%s\n", e.memory.describe().c_str());
    }
}

void CliObserver::phase(const adaround::PhaseProgress& e)
{
    if (!enabled_ || e.phase == adaround::RunPhase::Optimising || e.total <= 0)
        return;
    if (!tty_) {
        // A log file (a batch job's, CI's): a line as each loading or evaluation
        // step starts and every tenth of it, not one per chunk; captures are
        // short and per layer, and the layer's own line follows.
        if (e.phase == adaround::RunPhase::Capturing)
            return;
        const int tenth = int(10 * e.done / e.total);
        if (e.detail == stepDetail_ && tenth == stepTenth_)
            return;
        stepDetail_ = e.detail;
        stepTenth_ = tenth;
        std::fprintf(stderr, "%s: %lld/%lld\n", e.detail.c_str(), (long long)e.done, (long long)e.total);
        return;
    }
    // A terminal: one redrawn line.
    const auto now = std::chrono::steady_clock::now();
    if (e.done < e.total && now - lastDraw_ < std::chrono::milliseconds(40))
        return;
    lastDraw_ = now;
    std::fprintf(stderr, "\r%-10s %-50.50s %8lld/%-8lld", adaround::toString(e.phase), e.detail.c_str(),
                 (long long)e.done, (long long)e.total);
    std::fflush(stderr);
    open_ = true;
}

void CliObserver::layerStarted(const adaround::LayerStarted& e)
{
    ++current_;
    name_ = e.name;
    iterations_ = e.iterations;
}

void CliObserver::iteration(const adaround::IterationStats& e)
{
    if (!enabled_ || !tty_)
        return;
    const auto now = std::chrono::steady_clock::now();
    if (e.iteration < iterations_ && now - lastDraw_ < std::chrono::milliseconds(40))
        return;
    lastDraw_ = now;
    const double frac = iterations_ ? double(e.iteration) / iterations_ : 1.0;
    const int width = 24, filled = int(frac * width);
    std::fprintf(stderr, "\r[%d/%d] %-20.20s [%.*s%*s] %6d/%d  rec %.3g  round %.3g  beta %.1f", current_, layers_,
                 name_.c_str(), filled, "########################", width - filled, "", e.iteration, iterations_,
                 e.recLoss, e.roundLoss, e.beta);
    std::fflush(stderr);
    open_ = true;
}

void CliObserver::layerFinished(const adaround::LayerFinished& e)
{
    endLine();
    if (!enabled_)
        return;
    if (!e.optimised) {
        char mse[48] = "rec MSE not measured";
        if (std::isfinite(e.recMseRtn))
            std::snprintf(mse, sizeof mse, "rec MSE %.3g", e.recMseRtn);
        std::fprintf(stderr, "[%d/%d] %s: %d-bit round-to-nearest (by configuration), %s\n", current_, layers_,
                     e.name.c_str(), e.bits, mse);
        return;
    }
    std::fprintf(stderr,
                 "[%d/%d] %s: %d-bit, %s objective, rec MSE RTN %.3g -> AdaRound %.3g, %.1f%% flipped, %.1f s%s\n",
                 current_, layers_, e.name.c_str(), e.bits, toString(e.objective).c_str(), e.recMseRtn,
                 e.keptRtn ? e.recMseRtn : e.recMseHard, 100 * e.flippedShare, e.seconds,
                 e.keptRtn ? " (kept RTN: hard rounding was worse)" : "");
}

void CliObserver::baseline(const adaround::SubsetBaseline& e)
{
    endLine(); // the evaluation's progress line
    if (enabled_)
        std::fprintf(stderr, "%s\n", describeBaseline(e).c_str());
}

void CliObserver::accuracy(const adaround::AccuracyPoint& e)
{
    if (enabled_)
        std::fprintf(stderr, "        eval subset top-1 after %d layers: RTN %.2f%%, AdaRound %.2f%%\n", e.layersDone,
                     e.rtnTop1, e.adaroundTop1);
}

void CliObserver::runCancelled(int layersDone)
{
    endLine();
    if (enabled_)
        std::fprintf(stderr, "cancelled after %d completed layers\n", layersDone);
}

void CliObserver::finish()
{
    endLine();
}

} // namespace cli
