#include "option_helpers.h"


#include <CLI/CLI.hpp>

#include <cctype>
#include <charconv>
#include <cmath>
#include <iostream>

namespace cli {
namespace {

// "-q", "--quiet": an option. "-1", "-0.5" and "-" are values.
bool looksLikeOption(const std::string& arg)
{
    const size_t dashes = arg.rfind("--", 0) == 0 ? 2 : arg.rfind('-', 0) == 0 ? 1 : 0;
    return dashes > 0 && arg.size() > dashes && std::isalpha(static_cast<unsigned char>(arg[dashes]));
}

std::string refuseOptionLikeValue(const std::string& value)
{
    return looksLikeOption(value) ? "missing value (" + value + " is an option, not a value)" : std::string();
}

CLI::Option* textOption(CLI::App& cmd, const std::string& names, const std::string& typeName,
                        const std::string& help)
{
    const std::string wrapped = wrapText(help); // add_option takes a const lvalue as the description
    CLI::Option* o = cmd.add_option(names, wrapped);
    o->type_name(typeName);
    o->check(CLI::Validator(refuseOptionLikeValue, "", "not an option"));
    return o;
}

std::string commandPath(const CLI::App& cmd)
{
    std::string path = cmd.get_name();
    for (const CLI::App* p = cmd.get_parent(); p; p = p->get_parent())
        path = p->get_name() + " " + path;
    return path;
}

} // namespace

CLI::Option* addValueOption(CLI::App& cmd, const std::string& names, const std::string& typeName,
                            const std::string& help)
{
    return textOption(cmd, names, typeName, help)->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
}

CLI::Option* addListOption(CLI::App& cmd, const std::string& names, const std::string& typeName,
                           const std::string& help)
{
    return textOption(cmd, names, typeName, help)->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

CLI::Option* addPlainFlag(CLI::App& cmd, const std::string& names, const std::string& help)
{
    const std::string wrapped = wrapText(help); // add_flag takes a const lvalue as the description
    return cmd.add_flag(names, wrapped);
}

bool flagIsSet(const CLI::Option* flag)
{
    if (flag->count() == 0)
        return false;
    const std::string v = flag->results().back();
    if (v == "true" || v == "1" || v == "yes" || v == "on")
        return true;
    if (v == "false" || v == "0" || v == "no" || v == "off")
        return false;
    throw UsageError(flag->get_name() + ": '" + v + "' is not true or false");
}


std::string lastValue(const CLI::Option* option)
{
    return option->count() == 0 ? std::string() : option->results().back();
}

void rejectLeftovers(const CLI::App& cmd)
{
    const std::vector<std::string> left = cmd.remaining();
    if (left.empty())
        return;
    const std::string& arg = left.front();
    if (looksLikeOption(arg))
        throw UsageError("unknown option " + arg.substr(0, arg.find('=')) + " (see " + commandPath(cmd) +
                         " --help)");
    throw UsageError("unexpected argument '" + arg + "' (see " + commandPath(cmd) + " --help)");
}

void rejectAllLeftovers(const CLI::App& cmd)
{
    rejectLeftovers(cmd);
    for (const CLI::App* sub : cmd.get_subcommands())
        rejectAllLeftovers(*sub);
}

bool parseWhole(const std::string& text, int* out)
{
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, *out);
    return !text.empty() && ec == std::errc() && ptr == end;
}

bool parseReal(const std::string& text, double* out)
{
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, *out);
    return !text.empty() && ec == std::errc() && ptr == end && std::isfinite(*out);
}

std::string wrapText(const std::string& text, size_t width)
{
    std::string out, line;
    size_t start = 0;
    while (start <= text.size()) {
        size_t space = text.find(' ', start);
        if (space == std::string::npos)
            space = text.size();
        const std::string word = text.substr(start, space - start);
        if (!line.empty() && line.size() + 1 + word.size() > width) {
            out += line + "\n";
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
        start = space + 1;
    }
    return out + line;
}

} // namespace cli
