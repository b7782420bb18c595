#include "adaround/run_log_liveness.h"

#include "adaround/error.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace adaround {

std::string runLogLockPath(const std::string& logPath) { return logPath + ".lock"; }

bool runLooksAlive(const std::string& logPath)
{
    // Read-only and close-on-exec: a probe must not create the file, nor leak it
    // to a child that would then hold the lock in its place.
    const int fd = ::open(runLogLockPath(logPath).c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (fd < 0)
        return false;
    // A shared lock conflicts only with the writer's exclusive one, so two
    // readers probing at once never take each other for the writer.
    const bool held = ::flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    ::close(fd); // releases our shared lock, if we got it
    return held;
}

std::string liveRunStatus(const std::string& logPath, const std::string& stored)
{
    if (stored == "running" && !runLooksAlive(logPath))
        return "killed";
    return stored;
}

RunLogLock::RunLogLock(const std::string& logPath) : path_(runLogLockPath(logPath))
{
    fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd_ < 0)
        throw Error(path_ + ": cannot create the run log's lock file: " + std::strerror(errno));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        const int err = errno;
        ::close(fd_);
        throw Error(path_ + (err == EWOULDBLOCK ? ": another process is writing this run log"
                                                : ": cannot lock the run log: " + std::string(std::strerror(err))));
    }
}

RunLogLock::~RunLogLock()
{
    // Unlink before unlocking: a probe then finds no file (not alive) rather
    // than an unlocked one for a moment; both read as "not running any more".
    ::unlink(path_.c_str());
    ::close(fd_);
}

} // namespace adaround
