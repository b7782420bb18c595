// adaround-cli: the program users run. The log commands run here, without
// LibTorch, whose start-up alone costs about half a second of CPU per process
// (`log info` over a folder of runs paid it for every log); every other command
// execs adaround-cli-engine, the whole CLI, in the same process (same pid, so
// signals and exit codes are the engine's). See docs/cli.md.
#include "adaround/run_log.h"
#include "adaround/versions.h"
#include "cli_main.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr const char* kEngineName = "adaround-cli-engine";

// Beside this program (the build tree), in ../libexec/adaround-workbench (an
// installed or unpacked tree), or where this build installs it.
std::vector<std::string> engineCandidates()
{
    std::vector<std::string> out;
    std::error_code ec;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        out.push_back((self.parent_path() / kEngineName).string());
        out.push_back((self.parent_path() / "../libexec/adaround-workbench" / kEngineName).string());
    }
    out.push_back(ADAROUND_CLI_INSTALLED_ENGINE);
    return out;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc > 1 && std::string(argv[1]) == "log") {
        const std::string version = "adaround-cli " + adaround::appVersion() + " (HDF5 " + adaround::hdf5Version() + ")";
        return cli::runCli(argc, argv, {{"log", cli::addLogCommand}}, version);
    }
    const std::vector<std::string> candidates = engineCandidates();
    for (const std::string& engine : candidates) {
        if (::access(engine.c_str(), X_OK) != 0)
            continue;
        ::execv(engine.c_str(), argv); // returns only on failure
        std::cerr << "adaround-cli: error: cannot start " << engine << ": " << std::strerror(errno) << "\n";
        return cli::kFailed;
    }
    std::cerr << "adaround-cli: error: " << kEngineName << " is not installed (looked in " << candidates.front()
              << " and " << ADAROUND_CLI_INSTALLED_ENGINE << ")\n";
    return cli::kFailed;
}
