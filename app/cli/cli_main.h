#pragma once
// The command-line driver of both CLI programs: adaround-cli (the log commands,
// without LibTorch) and adaround-cli-engine (every command). Parses with CLI11,
// runs the chosen command, and turns errors into one line and an exit code.
#include "commands.h"

#include <string>
#include <vector>

namespace cli {

struct CommandEntry {
    std::string name;
    CommandRunner (*add)(CLI::App& app);
};

// Runs the command line against COMMANDS; VERSION is the --version text.
int runCli(int argc, char** argv, const std::vector<CommandEntry>& commands, const std::string& version);

} // namespace cli
