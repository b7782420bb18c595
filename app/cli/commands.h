#pragma once
// The CLI's subcommands. Each add*Command() adds its subcommand and options to
// the CLI11 app and returns what runs it once the command line is parsed; that
// returns the exit code. Errors propagate as adaround::Error (exit 1) or
// cli::UsageError (exit 2) to main().
#include <functional>

namespace CLI {
class App;
}

namespace cli {

enum ExitCode { kOk = 0, kFailed = 1, kUsage = 2, kCancelled = 3 };

using CommandRunner = std::function<int()>;

CommandRunner addInspectCommand(CLI::App& app);
CommandRunner addRtnCommand(CLI::App& app);
CommandRunner addRunCommand(CLI::App& app);
CommandRunner addAblateCommand(CLI::App& app); // ablate_command.cpp
CommandRunner addLayerCommand(CLI::App& app);  // layer_command.cpp: the layer lab
CommandRunner addLogCommand(CLI::App& app);
CommandRunner addStudyCommand(CLI::App& app);
CommandRunner addSweepCommand(CLI::App& app);
CommandRunner addSweepReadCommand(CLI::App& app); // sweep status, sweep report only (adaround-cli itself)
CommandRunner addSensitivityCommand(CLI::App& app);

} // namespace cli
