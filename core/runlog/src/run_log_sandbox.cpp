// The parent's side of the sandbox: posix_spawn (never a bare fork(): the GUI
// is multi-threaded) of adaround-log-reader with a private temporary folder,
// its stderr on a pipe, a deadline, and the sealed copy read back.
#include "run_log_sandbox_p.h"

#include "adaround/error.h"
#include "adaround/helper_program.h"
#include "adaround/file_io.h"
#include "run_log_parse_p.h"
#include "run_log_seal_p.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <poll.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace adaround {
namespace {

using Clock = std::chrono::steady_clock;

// A private folder under the temporary directory, removed with everything in it.
class TempFolder {
public:
    TempFolder()
    {
        std::string pattern = (std::filesystem::temp_directory_path() / "adaround-log-XXXXXX").string();
        if (!::mkdtemp(pattern.data()))
            throw Error("cannot create a temporary folder to read the run log: " + std::string(std::strerror(errno)));
        path_ = pattern;
    }
    ~TempFolder()
    {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

class Fd {
public:
    explicit Fd(int fd = -1) : fd_(fd) {}
    ~Fd() { reset(); }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }
    void reset()
    {
        if (fd_ >= 0)
            ::close(fd_);
        fd_ = -1;
    }

private:
    int fd_;
};

// Reads the child's stderr until it closes or DEADLINE passes; keeps the last
// 64 KiB (the helper's verdict, and whatever a library printed around it).
std::string drain(int fd, Clock::time_point deadline, bool& timedOut)
{
    constexpr size_t kKeep = 64 << 10;
    std::string text;
    char buffer[4096];
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) {
            timedOut = true;
            return text;
        }
        pollfd p{fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, int(std::min<long long>(left, 1000)));
        if (ready < 0 && errno != EINTR)
            return text;
        if (ready <= 0)
            continue;
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n <= 0)
            return text;
        text.append(buffer, size_t(n));
        if (text.size() > kKeep)
            text.erase(0, text.size() - kKeep);
    }
}

// Waits for PID until DEADLINE (at once if TIMEDOUT is already set), then
// kills it. Returns the wait status.
int reap(pid_t pid, Clock::time_point deadline, bool& timedOut)
{
    if (timedOut)
        ::kill(pid, SIGKILL);
    int status = 0;
    for (;;) {
        const pid_t r = ::waitpid(pid, &status, timedOut ? 0 : WNOHANG);
        if (r == pid)
            return status;
        if (r < 0 && errno != EINTR)
            return status;
        if (r == 0 && Clock::now() >= deadline) {
            timedOut = true;
            ::kill(pid, SIGKILL);
        } else if (r == 0) {
            ::usleep(2000);
        }
    }
}

// The helper's verdict: the last line it marked with its name; else (a helper
// of another version, or one that died mid-sentence) the last line of all.
// Library noise printed after the verdict (HDF5's exit handlers) is skipped.
std::string verdictLine(const std::string& text)
{
    const std::string prefix = std::string(kRunLogHelperName) + ": ";
    std::string marked, last;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        std::string line = text.substr(start, end - start);
        start = end + 1;
        while (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.rfind(prefix, 0) == 0)
            marked = line.substr(prefix.size());
        else if (line.find_first_not_of(" \t") != std::string::npos)
            last = line;
    }
    return printable(marked.empty() ? last : marked);
}

} // namespace

std::string runLogHelperPath()
{
    std::vector<std::string> candidates = helperProgramCandidates(kRunLogHelperName, ADAROUND_RUNLOG_INSTALLED_HELPER);
    candidates.push_back(ADAROUND_RUNLOG_BUILD_HELPER); // tests' programs live elsewhere in the build tree
    const std::string found = findHelperProgram(candidates);
    if (found.empty())
        throw Error(std::string("the run-log sandbox helper ") + kRunLogHelperName + " is not installed (looked in " +
                    candidates.front() + " and " + ADAROUND_RUNLOG_INSTALLED_HELPER + ")");
    return found;
}

RunLog parseRunLogInSandbox(const std::string& path)
{
    std::string helper;
    try {
        helper = runLogHelperPath();
    } catch (const Error& e) {
        throw Error(path + ": cannot read a log without an integrity header: " + e.what());
    }
    TempFolder tmp;
    const std::string copy = tmp.path() + "/copy.h5";
    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0)
        throw Error("cannot start the run-log sandbox: " + std::string(std::strerror(errno)));
    Fd readEnd(pipeFds[0]), writeEnd(pipeFds[1]);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, writeEnd.get(), 2);
    // The child's signal handling from scratch: the CLI's Ctrl+C handler is not its own.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t all, none;
    sigfillset(&all);
    sigemptyset(&none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
    std::vector<std::string> args{helper, path, copy};
    std::vector<char*> argv;
    for (std::string& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = ::posix_spawn(&pid, helper.c_str(), &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    writeEnd.reset();
    if (spawned != 0)
        throw Error("cannot start the run-log sandbox " + helper + ": " + std::strerror(spawned));

    const auto deadline = Clock::now() + std::chrono::seconds(kRunLogHelperSeconds);
    bool timedOut = false;
    const std::string message = drain(readEnd.get(), deadline, timedOut);
    const int status = reap(pid, deadline, timedOut);
    const std::string failure = sandboxFailure(path, status, timedOut, message);
    if (!failure.empty())
        throw Error(failure);
    const std::string bytes = readTextFile(copy, kMaxRunLogBytes, "run log copy");
    const SealCheck seal = checkRunLogSeal(bytes);
    if (seal.state != SealState::Verified)
        throw Error(path + ": the sandbox helper's copy is not intact: " + seal.problem);
    RunLog log = parseRunLog(bytes, path);
    log.info.path = path;
    return log;
}

std::string sandboxFailure(const std::string& path, int waitStatus, bool timedOut, const std::string& stderrText)
{
    if (timedOut)
        return path + ": damaged run log: reading it did not finish within " + std::to_string(kRunLogHelperSeconds) +
               " s";
    if (WIFSIGNALED(waitStatus))
        return path + ": damaged run log: reading it crashed the HDF5 library (signal " +
               std::to_string(WTERMSIG(waitStatus)) + ", " + strsignal(WTERMSIG(waitStatus)) + ")";
    if (WIFEXITED(waitStatus) && WEXITSTATUS(waitStatus) == 0)
        return "";
    const std::string line = verdictLine(stderrText);
    if (line.empty())
        return path + ": damaged run log: the sandbox helper failed (exit " + std::to_string(WEXITSTATUS(waitStatus)) +
               ")";
    return line.rfind(path + ": ", 0) == 0 ? line : path + ": damaged run log: " + line;
}

} // namespace adaround
