#pragma once
// The run log's cost in a simulated run: the large synthetic run's events go
// to a real RunLogWriter whose clock is the run's own time, made of the
// engine's iterations at a given rate (simulated: no engine runs) plus the
// real time spent inside the writer. What a save costs is thus measured, and
// the run around it is as long as a run at that rate would be.
#include "adaround/run_log.h"
#include "synthetic_large_run.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <variant>

namespace testsupport {

struct LogCostFigures {
    int saves = 0;
    int layers = 0, layerEndsSaved = 0;
    double runSeconds = 0;       // simulated engine time plus the writer's
    double writerSeconds = 0;    // everything the writer did (saves, compressing the weights)
    double savingSeconds = 0;    // the saves alone (RunLogSaveStats::saving)
    double longestSave = 0;
    double longestGap = 0;       // between the ends of two saves, by the run's clock
    double longestEvent = 0;     // the writer's longest handling of one event without a save
    uint64_t bytes = 0;          // the final log's size
    std::string writeError;

    double savingShare() const { return savingSeconds / runSeconds; }
    double writerShare() const { return writerSeconds / runSeconds; }
};

inline LogCostFigures simulateLoggedRun(const std::string& path, const RunLogSavePolicy& policy,
                                        const LargeRunShape& shape, double iterationsPerSecond)
{
    using Clock = std::chrono::steady_clock;
    const Clock::time_point epoch = Clock::now();
    Clock::duration engine{}, inWriter{};
    std::optional<Clock::time_point> callStart;
    auto now = [&] { return epoch + engine + inWriter + (callStart ? Clock::now() - *callStart : Clock::duration{}); };
    auto enter = [&] { callStart = Clock::now(); };
    auto leave = [&] {
        inWriter += Clock::now() - *callStart;
        callStart.reset();
    };

    RunLogContext context;
    context.savePolicy = policy;
    context.clock = now;
    LogCostFigures f;
    enter();
    RunLogWriter writer(path, context);
    leave();
    int saves = writer.saveStats().saves;
    Clock::time_point lastSave = now();
    CallbackObserver observer([&](const RunEvent& e) {
        const Clock::duration before = inWriter;
        enter();
        writer.onEvent(e);
        leave();
        const RunLogSaveStats& s = writer.saveStats();
        const bool layerEnd = std::holds_alternative<LayerFinished>(e);
        f.layers += layerEnd;
        if (s.saves == saves) {
            f.longestEvent = std::max(f.longestEvent, std::chrono::duration<double>(inWriter - before).count());
            return;
        }
        f.layerEndsSaved += layerEnd;
        saves = s.saves;
        f.longestGap = std::max(f.longestGap, std::chrono::duration<double>(now() - lastSave).count());
        lastSave = now();
    });
    const auto perIteration = std::chrono::duration<double>(1.0 / iterationsPerSecond);
    sendLargeRun(observer, shape, [&](int iterations) {
        engine += std::chrono::duration_cast<Clock::duration>(perIteration * iterations);
    });

    const RunLogSaveStats& s = writer.saveStats();
    f.saves = s.saves;
    f.savingSeconds = std::chrono::duration<double>(s.saving).count();
    f.longestSave = std::chrono::duration<double>(s.longest).count();
    f.bytes = s.bytes;
    f.writerSeconds = std::chrono::duration<double>(inWriter).count();
    f.runSeconds = std::chrono::duration<double>(now() - epoch).count();
    f.writeError = writer.writeError();
    return f;
}

} // namespace testsupport
