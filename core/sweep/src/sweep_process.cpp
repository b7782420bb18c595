#include "adaround/sweep_process.h"

#include "adaround/error.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>
#include <thread>

extern char** environ;

namespace adaround {
namespace {

std::vector<char*> cArgs(const std::vector<std::string>& argv)
{
    std::vector<char*> out;
    for (const std::string& a : argv)
        out.push_back(const_cast<char*>(a.c_str()));
    out.push_back(nullptr);
    return out;
}

int exitCodeOf(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status); }

pid_t spawnTask(const SweepTask& t)
{
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, t.outputPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    pid_t pid = 0;
    std::vector<char*> args = cArgs(t.argv);
    const int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0)
        throw Error(t.argv[0] + ": cannot start the point's run: " + std::strerror(rc));
    return pid;
}

std::string readAll(int fd)
{
    std::string s;
    char buf[4096];
    for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) != 0;) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        s.append(buf, size_t(n));
    }
    return s;
}

} // namespace

void runSweepTasks(const std::vector<SweepTask>& tasks, int jobs, const std::atomic<bool>& stop,
                   const std::function<void(const SweepTask&)>& started, const SweepTaskDone& done)
{
    std::map<pid_t, const SweepTask*> running;
    size_t next = 0;
    bool signalled = false;
    while (next < tasks.size() || !running.empty()) {
        if (stop && !signalled) {
            signalled = true;
            for (const auto& [pid, task] : running)
                ::kill(pid, SIGTERM);
        }
        while (!stop && next < tasks.size() && int(running.size()) < std::max(1, jobs)) {
            const SweepTask& t = tasks[next++];
            running[spawnTask(t)] = &t;
            if (started)
                started(t);
        }
        if (running.empty())
            break;
        // Polled, each of our own children by pid (never waitpid(-1): other
        // children of this process are not ours to reap), so that STOP is seen
        // within a moment whatever the signal disposition.
        bool reaped = false;
        for (auto it = running.begin(); it != running.end();) {
            int status = 0;
            const pid_t pid = ::waitpid(it->first, &status, WNOHANG);
            if (pid == 0 || (pid < 0 && errno == EINTR)) {
                ++it;
                continue;
            }
            if (pid < 0)
                throw Error(std::string("waiting for the sweep's runs: ") + std::strerror(errno));
            const SweepTask* t = it->second;
            it = running.erase(it);
            reaped = true;
            if (done)
                done(*t, exitCodeOf(status));
        }
        if (!reaped)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

ProgramOutput runProgram(const std::vector<std::string>& argv)
{
    ProgramOutput result;
    int out[2], err[2];
    if (::pipe2(out, O_CLOEXEC) != 0)
        return result;
    if (::pipe2(err, O_CLOEXEC) != 0) {
        ::close(out[0]);
        ::close(out[1]);
        return result;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    pid_t pid = 0;
    std::vector<char*> args = cArgs(argv);
    const int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    ::close(err[1]);
    if (rc == 0) {
        // Small outputs: stderr after stdout cannot fill its pipe first in practice;
        // read it on a thread anyway so that a chatty program cannot block us.
        std::thread errReader([&] { result.err = readAll(err[0]); });
        result.out = readAll(out[0]);
        errReader.join();
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        result.exitCode = exitCodeOf(status);
    } else {
        result.err = argv[0] + ": " + std::strerror(rc);
    }
    ::close(out[0]);
    ::close(err[0]);
    return result;
}

} // namespace adaround
