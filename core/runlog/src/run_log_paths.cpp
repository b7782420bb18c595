#include "adaround/run_log.h"
#include "adaround/study_log.h"

#include <cstdlib>
#include <ctime>
#include <filesystem>

namespace adaround {

namespace {

// $XDG_DATA_HOME/adaround-workbench/SUB, else ~/.local/share/adaround-workbench/SUB.
std::string dataDir(const char* sub)
{
    const char* data = std::getenv("XDG_DATA_HOME");
    std::filesystem::path base;
    if (data && *data == '/') {
        base = data;
    } else {
        const char* home = std::getenv("HOME");
        base = std::filesystem::path(home && *home ? home : ".") / ".local" / "share";
    }
    return (base / "adaround-workbench" / sub).string();
}

// "<dir>/PREFIX-YYYYmmdd-HHMMSS[-N].h5" (local time) that does not exist yet.
std::string stampedPath(const std::string& folder, const char* prefix)
{
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "-%Y%m%d-%H%M%S", &tm);
    const std::filesystem::path dir(folder);
    std::filesystem::path path = dir / (prefix + std::string(stamp) + ".h5");
    for (int n = 2; std::filesystem::exists(path); ++n)
        path = dir / (prefix + std::string(stamp) + "-" + std::to_string(n) + ".h5");
    return path.string();
}

} // namespace

std::string defaultRunsDir() { return dataDir("runs"); }
std::string defaultRunLogPath(const std::string& runsDir) { return stampedPath(runsDir, "run"); }
std::string defaultStudiesDir() { return dataDir("studies"); }
std::string defaultStudyLogPath(const std::string& studiesDir) { return stampedPath(studiesDir, "study"); }

} // namespace adaround
