#include "arg_parser.h"

#include <sstream>

namespace cli {

ArgParser& ArgParser::flag(const std::string& name)
{
    flags_.insert(name);
    return *this;
}

ArgParser& ArgParser::option(const std::string& name)
{
    options_.insert(name);
    return *this;
}

void ArgParser::parse(const std::vector<std::string>& args)
{
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.rfind("--", 0) != 0 || a == "--") {
            positionals_.push_back(a);
            continue;
        }
        std::string name = a.substr(2), value;
        const size_t eq = name.find('=');
        const bool inlineValue = eq != std::string::npos;
        if (inlineValue) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        if (flags_.count(name)) {
            if (inlineValue)
                throw UsageError("--" + name + " takes no value");
            given_[name].push_back("");
        } else if (options_.count(name)) {
            if (!inlineValue) {
                if (i + 1 >= args.size())
                    throw UsageError("--" + name + " needs a value");
                value = args[++i];
            }
            given_[name].push_back(value);
        } else {
            throw UsageError("unknown option --" + name + " (see --help)");
        }
    }
}

bool ArgParser::has(const std::string& name) const
{
    return given_.count(name) != 0;
}

std::string ArgParser::value(const std::string& name, const std::string& fallback) const
{
    auto it = given_.find(name);
    return it == given_.end() ? fallback : it->second.back();
}

std::vector<std::string> ArgParser::values(const std::string& name) const
{
    auto it = given_.find(name);
    return it == given_.end() ? std::vector<std::string>{} : it->second;
}

std::string ArgParser::required(const std::string& name) const
{
    if (!has(name))
        throw UsageError("--" + name + " is required");
    return value(name);
}

bool parseWhole(const std::string& text, long* out)
{
    size_t used = 0;
    try {
        *out = std::stol(text, &used);
    } catch (const std::exception&) {
        return false;
    }
    return !text.empty() && used == text.size();
}

bool parseNumber(const std::string& text, double* out)
{
    size_t used = 0;
    try {
        *out = std::stod(text, &used);
    } catch (const std::exception&) {
        return false;
    }
    return !text.empty() && used == text.size();
}

int ArgParser::intValue(const std::string& name, int fallback, int min, int max) const
{
    if (!has(name))
        return fallback;
    const std::string v = value(name);
    long n = 0;
    if (!parseWhole(v, &n))
        throw UsageError("--" + name + " needs a whole number, got '" + v + "'");
    if (n < min || n > max)
        throw UsageError("--" + name + " must be between " + std::to_string(min) + " and " + std::to_string(max) +
                         ", got " + v);
    return int(n);
}

double ArgParser::doubleValue(const std::string& name, double fallback) const
{
    if (!has(name))
        return fallback;
    const std::string v = value(name);
    double d = 0;
    if (!parseNumber(v, &d))
        throw UsageError("--" + name + " needs a number, got '" + v + "'");
    return d;
}

std::vector<float> ArgParser::floatList(const std::string& name) const
{
    std::vector<float> out;
    if (!has(name))
        return out;
    std::stringstream ss(value(name));
    std::string item;
    while (std::getline(ss, item, ',')) {
        double f = 0;
        if (!parseNumber(item, &f))
            throw UsageError("--" + name + " needs comma-separated numbers, got '" + value(name) + "'");
        out.push_back(float(f));
    }
    return out;
}

} // namespace cli
