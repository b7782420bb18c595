#pragma once
// The CLI's subcommands. Each returns the process exit code; errors propagate
// as adaround::Error (exit 1) or cli::UsageError (exit 2) to main().
#include <string>
#include <vector>

namespace cli {

enum ExitCode { kOk = 0, kFailed = 1, kUsage = 2, kCancelled = 3 };

int runInspect(const std::vector<std::string>& args);
int runRtn(const std::vector<std::string>& args);
int runAdaRound(const std::vector<std::string>& args);
int runLog(const std::vector<std::string>& args);

} // namespace cli
