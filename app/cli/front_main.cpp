// adaround-cli: the program users run. The log commands (and sweep status,
// sweep report) run here, without
// LibTorch, whose start-up alone costs about half a second of CPU per process
// (`log info` over a folder of runs paid it for every log); every other command
// execs adaround-cli-engine, the whole CLI, in the same process (same pid, so
// signals and exit codes are the engine's). See docs/cli.md.
#include "adaround/helper_program.h"
#include "adaround/run_log.h"
#include "adaround/versions.h"
#include "cli_main.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

constexpr const char* kEngineName = "adaround-cli-engine";

int main(int argc, char** argv)
{
    const std::string version = "adaround-cli " + adaround::appVersion() + " (HDF5 " + adaround::hdf5Version() + ")";
    if (argc > 1 && std::string(argv[1]) == "log")
        return cli::runCli(argc, argv, {{"log", cli::addLogCommand}}, version);
    // sweep status and sweep report only read logs: watching a sweep costs no LibTorch start-up.
    if (argc > 2 && std::string(argv[1]) == "sweep" &&
        (std::string(argv[2]) == "status" || std::string(argv[2]) == "report"))
        return cli::runCli(argc, argv, {{"sweep", cli::addSweepReadCommand}}, version);
    const std::vector<std::string> candidates =
        adaround::helperProgramCandidates(kEngineName, ADAROUND_CLI_INSTALLED_ENGINE);
    const std::string engine = adaround::findHelperProgram(candidates);
    if (!engine.empty()) {
        ::execv(engine.c_str(), argv); // returns only on failure
        std::cerr << "adaround-cli: error: cannot start " << engine << ": " << std::strerror(errno) << "\n";
        return cli::kFailed;
    }
    std::cerr << "adaround-cli: error: " << kEngineName << " is not installed (looked in " << candidates.front()
              << " and " << ADAROUND_CLI_INSTALLED_ENGINE << ")\n";
    return cli::kFailed;
}
