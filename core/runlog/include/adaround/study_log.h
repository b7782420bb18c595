#pragma once
// The HDF5 log of a stochastic-rounding study (schema in docs/runlog.md,
// "Study logs"): built in memory and saved whole and sealed like a run log, at
// the start, after the references, after every sample and at the end, so a
// killed study leaves a readable file with every sample measured so far.
#include "adaround/error.h"
#include "adaround/run_log.h"
#include "adaround/study_events.h"

#include <memory>
#include <string>

namespace adaround {

inline constexpr const char* kStudyLogSchema = "adaround-studylog";
inline constexpr int kStudyLogSchemaVersion = 1;

// $XDG_DATA_HOME/adaround-workbench/studies, else ~/.local/share/adaround-workbench/studies
// (not created here): beside the runs folder, not in it, so run browsers never meet a study.
std::string defaultStudiesDir();
// A fresh path "<dir>/study-YYYYmmdd-HHMMSS[-N].h5" (local time) that does not exist yet.
std::string defaultStudyLogPath(const std::string& studiesDir);

// Writes one study into a new file; the constructor throws Error if PATH exists
// or cannot be created (nothing is overwritten). onEvent never throws: a write
// failure is kept for writeError() and the study goes on. Call from one thread.
class StudyLogWriter : public StudyObserver {
public:
    explicit StudyLogWriter(const std::string& path, RunLogContext context = {});
    ~StudyLogWriter() override; // a still-running log is marked failed ("interrupted")

    const std::string& path() const;
    const std::string& writeError() const;
    void onEvent(const StudyEvent& event) override;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

struct StudyLog {
    RunLogInfo info; // schema, status, times, versions, model fingerprint, config JSON
    StudyRecord record;
};

// Reads a study log. Only a sealed log whose checksum matches is parsed (a
// study log has no earlier unsealed version); throws Error naming the file:
// missing, damaged, not a study log (a run log says so), a newer schema.
StudyLog readStudyLog(const std::string& path);

} // namespace adaround
