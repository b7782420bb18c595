#pragma once
// Whether a log that says "running" is still being written. A killed process
// cannot mark its log (status stays "running"), so the writer holds an
// exclusive flock(2) on a lock file beside the log, "<log>.lock", for as long as
// it runs; the kernel releases it when the process dies, however it dies.
// A reader asks whether anyone still holds it. See docs/runlog.md, "Liveness".
#include <string>

namespace adaround {

// "<logPath>.lock"
std::string runLogLockPath(const std::string& logPath);

// True while a process holds the lock of the log at LOGPATH: a RunLogWriter on
// this machine or, on a filesystem whose locks are shared between machines
// (NFS v4, Lustre, GPFS with flock enabled), on another. False when the lock
// file is missing (a finished run removes it; logs written before the lock
// existed never had one) or nobody holds it (the writer died).
bool runLooksAlive(const std::string& logPath);

// The status to show for a log whose stored status is STORED: STORED, except
// that "running" becomes "killed" when runLooksAlive(LOGPATH) is false.
std::string liveRunStatus(const std::string& logPath, const std::string& stored);

// The writer's side: holds the lock of LOGPATH from construction to
// destruction, then removes the lock file. Throws Error if the lock file
// cannot be created or another process holds it.
class RunLogLock {
public:
    explicit RunLogLock(const std::string& logPath);
    ~RunLogLock();
    RunLogLock(const RunLogLock&) = delete;
    RunLogLock& operator=(const RunLogLock&) = delete;

private:
    std::string path_;
    int fd_ = -1;
};

} // namespace adaround
