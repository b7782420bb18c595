// adaround-cli: the engine, headless. See docs/cli.md for commands and exit codes.
#include "adaround/error.h"
#include "adaround/run_log.h"
#include "adaround/runtime.h"
#include "adaround/versions.h"
#include "commands.h"
#include "option_helpers.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <map>

namespace {

const char* const kFooter = R"(Run 'adaround-cli COMMAND --help' for a command's options; the run knobs
come from the knob table, with their ranges and defaults.

Exit codes: 0 success, 1 error (bad model, data or settings), 2 usage error,
3 run cancelled (Ctrl+C; the completed layers are reported).)";

std::string versionText()
{
    return "adaround-cli " + adaround::appVersion() + " (LibTorch " + adaround::torchVersion() + ", OpenCV " +
           adaround::opencvVersion() + ", HDF5 " + adaround::hdf5Version() + ")";
}

// Which command ran, checked for leftovers; throws UsageError if none did.
const cli::CommandRunner& chosenCommand(const CLI::App& app, const std::map<std::string, cli::CommandRunner>& runners)
{
    const std::vector<CLI::App*> chosen = app.get_subcommands();
    if (chosen.empty()) {
        const std::vector<std::string> left = app.remaining();
        if (!left.empty() && left.front().rfind('-', 0) != 0)
            throw cli::UsageError("unknown command '" + left.front() + "' (commands: inspect, rtn, run, log)");
        cli::rejectLeftovers(app);
        throw cli::UsageError("a command is needed: inspect, rtn, run or log (see adaround-cli --help)");
    }
    cli::rejectLeftovers(app);
    return runners.at(chosen.front()->get_name());
}

} // namespace

int main(int argc, char** argv)
{
    CLI::App app("adaround-cli: AdaRound post-training quantization, headless.", "adaround-cli");
    app.allow_extras(); // leftovers get our one-line messages (rejectLeftovers), not CLI11's
    app.require_subcommand(0, 1);
    app.set_version_flag("--version", versionText(), "print the version and those of LibTorch, OpenCV and HDF5");
    app.get_formatter()->column_width(34);
    const std::map<std::string, cli::CommandRunner> runners{{"inspect", cli::addInspectCommand(app)},
                                                            {"rtn", cli::addRtnCommand(app)},
                                                            {"run", cli::addRunCommand(app)},
                                                            {"log", cli::addLogCommand(app)}};
    app.footer(kFooter); // after the subcommands: they would inherit it

    const std::string first = argc > 1 ? argv[1] : "";
    if (argc == 1 || first == "help") {
        std::cout << app.help();
        return argc == 1 ? cli::kUsage : cli::kOk;
    }
    try {
        try {
            app.parse(argc, argv);
        } catch (const CLI::Success& e) { // --help, --version
            return app.exit(e);
        } catch (const CLI::RequiredError& e) {
            cli::rejectAllLeftovers(app); // "rtn --bogus": the unknown option, not the missing --model
            throw cli::UsageError(e.what());
        } catch (const CLI::ParseError& e) {
            throw cli::UsageError(e.what());
        }
        return chosenCommand(app, runners)();
    } catch (const cli::UsageError& e) {
        std::cerr << "adaround-cli: " << e.what() << "\n";
        return cli::kUsage;
    } catch (const adaround::Error& e) {
        std::cerr << "adaround-cli: error: " << e.what() << "\n";
        return cli::kFailed;
    } catch (const std::exception& e) {
        std::cerr << "adaround-cli: internal error: " << e.what() << "\n";
        return cli::kFailed;
    }
}
