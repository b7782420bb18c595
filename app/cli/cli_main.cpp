#include "cli_main.h"

#include "adaround/error.h"
#include "option_helpers.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <map>

namespace cli {
namespace {

const char* const kFooter = R"(Run 'adaround-cli COMMAND --help' for a command's options; the run knobs
come from the knob table, with their ranges and defaults.

Exit codes: 0 success, 1 error (bad model, data or settings), 2 usage error,
3 run cancelled (Ctrl+C; the completed layers are reported).)";

std::string commandList(const std::vector<CommandEntry>& commands)
{
    std::string out;
    for (size_t i = 0; i < commands.size(); ++i)
        out += (i == 0 ? "" : i + 1 == commands.size() ? " or " : ", ") + commands[i].name;
    return out;
}

// Which command ran, checked for leftovers; throws UsageError if none did.
const CommandRunner& chosenCommand(const CLI::App& app, const std::map<std::string, CommandRunner>& runners,
                                   const std::vector<CommandEntry>& commands)
{
    const std::vector<CLI::App*> chosen = app.get_subcommands();
    if (chosen.empty()) {
        const std::vector<std::string> left = app.remaining();
        if (!left.empty() && left.front().rfind('-', 0) != 0)
            throw UsageError("unknown command '" + left.front() + "' (commands: " + commandList(commands) + ")");
        rejectLeftovers(app);
        throw UsageError("a command is needed: " + commandList(commands) + " (see adaround-cli --help)");
    }
    rejectLeftovers(app);
    return runners.at(chosen.front()->get_name());
}

} // namespace

int runCli(int argc, char** argv, const std::vector<CommandEntry>& commands, const std::string& version)
{
    CLI::App app("adaround-cli: AdaRound post-training quantization, headless.", "adaround-cli");
    app.allow_extras(); // leftovers get our one-line messages (rejectLeftovers), not CLI11's
    app.require_subcommand(0, 1);
    app.set_version_flag("--version", version, "print the version and those of LibTorch, OpenCV and HDF5");
    app.get_formatter()->column_width(34);
    std::map<std::string, CommandRunner> runners;
    for (const CommandEntry& command : commands)
        runners[command.name] = command.add(app);
    app.footer(kFooter); // after the subcommands: they would inherit it

    const std::string first = argc > 1 ? argv[1] : "";
    if (argc == 1 || first == "help") {
        std::cout << app.help();
        return argc == 1 ? kUsage : kOk;
    }
    try {
        try {
            app.parse(argc, argv);
        } catch (const CLI::Success& e) { // --help, --version
            return app.exit(e);
        } catch (const CLI::RequiredError& e) {
            rejectAllLeftovers(app); // "rtn --bogus": the unknown option, not the missing --model
            throw UsageError(e.what());
        } catch (const CLI::ParseError& e) {
            throw UsageError(e.what());
        }
        return chosenCommand(app, runners, commands)();
    } catch (const UsageError& e) {
        std::cerr << "adaround-cli: " << e.what() << "\n";
        return kUsage;
    } catch (const adaround::Error& e) {
        std::cerr << "adaround-cli: error: " << e.what() << "\n";
        return kFailed;
    } catch (const std::exception& e) {
        std::cerr << "adaround-cli: internal error: " << e.what() << "\n";
        return kFailed;
    }
}

} // namespace cli
