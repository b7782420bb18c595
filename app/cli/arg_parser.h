#pragma once
// A small command-line option parser: --name VALUE, --name=VALUE, flags,
// repeatable options and positionals, with errors that name the option.
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace cli {

// A usage mistake: exit code 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Whole text as a number (no trailing characters); false if it is not one.
bool parseWhole(const std::string& text, long* out);
bool parseNumber(const std::string& text, double* out);

class ArgParser {
public:
    ArgParser& flag(const std::string& name);
    ArgParser& option(const std::string& name); // takes a value; may repeat

    // Throws UsageError for unknown options or a missing value.
    void parse(const std::vector<std::string>& args);

    bool has(const std::string& name) const;
    std::string value(const std::string& name, const std::string& fallback = "") const; // last given
    std::vector<std::string> values(const std::string& name) const;
    const std::vector<std::string>& positionals() const { return positionals_; }

    std::string required(const std::string& name) const;
    int intValue(const std::string& name, int fallback, int min, int max) const;
    double doubleValue(const std::string& name, double fallback) const;
    std::vector<float> floatList(const std::string& name) const; // "a,b,c"

private:
    std::set<std::string> flags_, options_;
    std::map<std::string, std::vector<std::string>> given_;
    std::vector<std::string> positionals_;
};

} // namespace cli
