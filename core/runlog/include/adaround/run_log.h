#pragma once
// HDF5 run logs (schema in docs/runlog.md): a writer that listens to a run's
// events and keeps the file valid while it runs, and a reader that turns a log
// back into a RunRecord for replay.
#include "adaround/error.h"
#include "adaround/run_events.h"
#include "adaround/run_record.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace adaround {

inline constexpr const char* kRunLogSchema = "adaround-runlog";
inline constexpr int kRunLogSchemaVersion = 1;

std::string hdf5Version(); // of the HDF5 library in use

// When the writer saves between the saves it always makes (creation, run
// start, layer ends, accuracy points, the end): a timed save comes
// costFactor times the duration of the previous save after it, but no sooner
// than floor and no later than ceiling. Saving so takes at most 1/(costFactor+1)
// of a run's time while a save costs at most ceiling/costFactor, and a crash
// loses at most ceiling of iterations. The defaults are the documented ones
// (docs/runlog.md, "Crash safety"); other values are for benchmarks.
struct RunLogSavePolicy {
    std::chrono::milliseconds floor{2000};
    std::chrono::milliseconds ceiling{8000};
    int costFactor = 200;
};

// What the engine's events do not carry: who wrote the log, and when it is saved.
struct RunLogContext {
    std::string application = "adaround-cli"; // or "adaround-workbench"
    std::string qtVersion;                     // empty when Qt is not involved
    RunLogSavePolicy savePolicy;
    // The time the save schedule reads (empty: steady_clock). Tests and benchmarks
    // give a simulated run's clock.
    std::function<std::chrono::steady_clock::time_point()> clock;
};

// What the writer's saves cost so far, by its clock.
struct RunLogSaveStats {
    int saves = 0;                         // complete images written, the first included
    std::chrono::nanoseconds saving{0};    // their total duration
    std::chrono::nanoseconds longest{0};   // the longest one
    uint64_t bytes = 0;                    // the last image's size
};

// The root attributes and the /model, /data facts of a log.
struct RunLogInfo {
    std::string path;
    std::string schema;
    int schemaVersion = 0;
    std::string status;        // running, completed, cancelled, failed
    std::string error;
    std::string startTime, endTime; // ISO 8601, UTC
    std::string application, appVersion, torchVersion, qtVersion, hdf5Version, opencvVersion;
    int threads = 0;
    uint64_t seed = 0;
    std::string configJson;
    std::string modelPath;
    int64_t modelBytes = 0;
    std::string modelSha256;
    // How the file was checked: "verified" (its SHA-256 matched), "unsealed"
    // (no integrity header: a log of an earlier version, read in the sandbox),
    // or, for a log opened despite a failed check, the problem found.
    std::string integrity;
};

struct RunLog {
    RunLogInfo info;
    RunRecord record;
};

// A fresh path "<dir>/run-YYYYmmdd-HHMMSS[-N].h5" (local time) that does not exist yet.
std::string defaultRunLogPath(const std::string& runsDir);

// $XDG_DATA_HOME/adaround-workbench/runs, else ~/.local/share/adaround-workbench/runs
// (not created here).
std::string defaultRunsDir();

// Writes one run into a new HDF5 file. The constructor creates the file and
// throws Error if it exists or cannot be created (nothing is overwritten).
// onEvent never throws: a write failure is kept and reported by
// writeError(), and the run goes on. The file on disk is replaced whole and
// atomically at every layer end and, while events arrive, at the interval of
// RunLogSavePolicy, so readers (and a killed process) always see a complete
// log. Call it from one thread: the run's (the GUI can read the file meanwhile
// with readRunLog).
class RunLogWriter : public RunObserver {
public:
    RunLogWriter(const std::string& path, RunLogContext context = {});
    ~RunLogWriter() override; // closes the file; a still-running log is marked failed ("interrupted")

    const std::string& path() const;
    const std::string& writeError() const; // empty while all writes succeed
    const RunLogSaveStats& saveStats() const;

    void onEvent(const RunEvent& event) override
    {
        std::visit([this](const auto& e) { on(e); }, event);
    }

private:
    void on(const RunStarted& e);
    void on(const LayerStarted& e);
    void on(const IterationStats& e);
    void on(const HistogramSnapshot& e);
    void on(const WeightSample& e);
    void on(const QuantizedLayer& e);
    void on(const LayerFinished& e);
    void on(const SubsetBaseline& e);
    void on(const AccuracyPoint& e);
    void on(const RunFinished& e);
    void on(const RunCancelled& e);
    void on(const RunFailed& e);
    void on(const PhaseProgress&) {} // transient: not stored

    struct Impl;
    std::unique_ptr<Impl> d;
};

// A log whose integrity check failed (checksum mismatch, truncated, extra
// bytes): refused unless RunLogReadOptions::openDamaged, so callers can offer
// to open it anyway.
class RunLogDamaged : public Error {
public:
    using Error::Error;
};

struct RunLogReadOptions {
    // Also open a log whose integrity check failed (a checksum mismatch, extra
    // bytes): it is parsed in the sandbox helper like an unsealed log, and
    // info.integrity names the problem. Off: such a log is refused as damaged.
    bool openDamaged = false;
};

// Reads a log (also one whose run was killed: status "running"). Never crashes
// on a damaged file and never blocks on a FIFO or device: the file (a regular
// file, at most 2 GiB) is read once into memory; a sealed log whose checksum
// matches is parsed in-process from those bytes; a log without an integrity
// header (written before it existed) is parsed by the sandbox helper
// (adaround-log-reader, a child process), which hands back a sealed copy. Throws
// Error with one line naming the file: missing, not a regular file, truncated,
// damaged (checksum mismatch, a crash of the HDF5 library in the helper), not an
// HDF5 file, not a run log, a newer schema version, a missing or inconsistent part;
// RunLogDamaged for a failed integrity check without openDamaged.
RunLog readRunLog(const std::string& path, const RunLogReadOptions& options = {});

} // namespace adaround
