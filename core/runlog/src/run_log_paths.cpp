#include "adaround/run_log.h"

#include <cstdlib>
#include <ctime>
#include <filesystem>

namespace adaround {

std::string defaultRunsDir()
{
    const char* data = std::getenv("XDG_DATA_HOME");
    std::filesystem::path base;
    if (data && *data == '/') {
        base = data;
    } else {
        const char* home = std::getenv("HOME");
        base = std::filesystem::path(home && *home ? home : ".") / ".local" / "share";
    }
    return (base / "adaround-workbench" / "runs").string();
}

std::string defaultRunLogPath(const std::string& runsDir)
{
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "run-%Y%m%d-%H%M%S", &tm);
    const std::filesystem::path dir(runsDir);
    std::filesystem::path path = dir / (std::string(stamp) + ".h5");
    for (int n = 2; std::filesystem::exists(path); ++n)
        path = dir / (std::string(stamp) + "-" + std::to_string(n) + ".h5");
    return path.string();
}

} // namespace adaround
