#pragma once
// What every command adds on top of CLI11: options whose values stay text
// (numbers are converted by us, locale-independently, never by CLI11's
// strtold), the refusal of an option as a value, the one-line errors for
// arguments nobody used, and help text wrapped to the terminal's usual width.
#include <stdexcept>
#include <string>

namespace CLI {
class App;
class Option;
} // namespace CLI

namespace cli {

// A usage mistake: exit code 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// An option taking one value, kept as text; given twice, the last one counts.
// A value that starts like an option ("--quiet", "-q") is refused, so
// "--log --quiet" is a missing value rather than a log file named "--quiet".
CLI::Option* addValueOption(CLI::App& cmd, const std::string& names, const std::string& typeName,
                            const std::string& help);

// The same, repeatable: every value counts, in command-line order.
CLI::Option* addListOption(CLI::App& cmd, const std::string& names, const std::string& typeName,
                           const std::string& help);

// A flag: --json, or --json=false (read it with flagIsSet).
CLI::Option* addPlainFlag(CLI::App& cmd, const std::string& names, const std::string& help);

// The value given last, or "" if the option was not given.
std::string lastValue(const CLI::Option* option);

// Whether FLAG is on: given, and not as --flag=false (or 0, no, off).
// Throws UsageError for --flag=maybe.
bool flagIsSet(const CLI::Option* flag);


// Throws UsageError for the first argument CMD left unused: "unknown option
// --bogus (see adaround-cli rtn --help)" or "unexpected argument 'x'".
void rejectLeftovers(const CLI::App& cmd);

// The same for CMD and the subcommands it parsed, innermost last: when CLI11
// reports a missing required option, a misspelt one is the better message.
void rejectAllLeftovers(const CLI::App& cmd);

// The whole text as a number, locale-independent (std::from_chars); false if
// it is not one (empty, trailing characters, out of the type's range).
bool parseWhole(const std::string& text, int* out);
bool parseReal(const std::string& text, double* out);

// Wraps TEXT at spaces to lines of at most WIDTH characters (help texts).
std::string wrapText(const std::string& text, size_t width = 64);

} // namespace cli
