#include "knob_options.h"

#include "adaround/error.h"
#include "adaround/knobs.h"
#include "option_helpers.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>

namespace cli {
namespace {

using adaround::Knob;
using adaround::KnobType;

std::string groupName(adaround::KnobGroup g)
{
    switch (g) {
    case adaround::KnobGroup::Data:
        return "Data";
    case adaround::KnobGroup::Quantization:
        return "Quantization";
    case adaround::KnobGroup::Optimisation:
        return "Optimisation";
    case adaround::KnobGroup::Runtime:
        return "Runtime";
    case adaround::KnobGroup::Observation:
        return "Observation";
    }
    return "Options";
}

// "INT", "NUMBER", "linear|cosine", "MODEL": the value's placeholder in --help.
std::string typeName(const Knob& k)
{
    switch (k.type) {
    case KnobType::Int:
        return "INT";
    case KnobType::UInt64:
        return "UINT64";
    case KnobType::Real:
        return "NUMBER";
    case KnobType::Choice: {
        std::string s;
        for (const auto& c : k.choices)
            s += (s.empty() ? "" : "|") + c;
        return s;
    }
    case KnobType::Bool:
    case KnobType::Text:
        break;
    }
    std::string s = k.key;
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    return s;
}

// "Adam learning rate on V (paper: 1e-3) [between 1e-12 and 100; default 0.001]"
std::string describe(const Knob& k, const adaround::KnobValue* defaultValue)
{
    std::vector<std::string> facts;
    if (k.type != KnobType::Text && k.type != KnobType::Bool)
        facts.push_back(adaround::describeRange(k) + (k.unit.empty() ? "" : " " + k.unit));
    if (defaultValue) {
        std::string d = adaround::formatKnobValue(*defaultValue);
        if (!k.zeroMeans.empty() && d == "0")
            d = k.zeroMeans;
        if (!d.empty())
            facts.push_back("default " + d);
    }
    if (k.type == KnobType::Bool)
        facts.push_back("off with --" +
                        (k.cliFalseNames.empty() ? k.cliNames.front() + "=false" : k.cliFalseNames.front()));
    std::string text = k.help;
    for (size_t i = 0; i < facts.size(); ++i)
        text += (i == 0 ? " [" : "; ") + facts[i] + (i + 1 == facts.size() ? "]" : "");
    return text;
}

std::string optionNames(const Knob& k)
{
    std::string names;
    for (const auto& n : k.cliNames)
        names += (names.empty() ? "--" : ",--") + n;
    for (const auto& n : k.cliFalseNames)
        names += ",--" + n + "{false}";
    return names;
}

} // namespace

KnobOptions::KnobOptions(CLI::App& cmd, const adaround::AdaRoundConfig& defaults,
                         const std::vector<std::string>& keys)
{
    for (const Knob& k : adaround::knobTable()) {
        if (k.cliNames.empty() || (!keys.empty() && std::find(keys.begin(), keys.end(), k.key) == keys.end()))
            continue;
        const adaround::KnobValue def = k.get(defaults);
        const std::string help = describe(k, &def), wrapped = wrapText(help);
        CLI::Option* o = k.type == KnobType::Bool ? cmd.add_flag(optionNames(k), wrapped)
                                                  : addValueOption(cmd, optionNames(k), typeName(k), help);
        o->group(groupName(k.group));
        entries_.push_back({&k, o});
    }
}

CLI::Option* KnobOptions::option(const std::string& key) const
{
    for (const Entry& e : entries_)
        if (e.knob->key == key)
            return e.option;
    return nullptr;
}

void KnobOptions::require(const std::string& key)
{
    for (const Entry& e : entries_)
        if (e.knob->key == key)
            e.option->required()->description(wrapText(describe(*e.knob, nullptr)));
}

void KnobOptions::applyTo(adaround::AdaRoundConfig& config) const
{
    for (const Entry& e : entries_) {
        if (e.option->count() == 0)
            continue;
        e.knob->set(config, parseOptionValue(*e.knob, "--" + e.knob->cliNames.front(), lastValue(e.option)));
    }
}

adaround::KnobValue parseOptionValue(const Knob& knob, const std::string& option, const std::string& text)
{
    try {
        return adaround::parseKnobValue(knob, text);
    } catch (const adaround::Error& e) {
        // The messages start with the knob's key ("learning_rate: '1,5' is not
        // a number"); on the command line the option is the name to see.
        const std::string message = e.what();
        if (message.rfind(knob.key, 0) == 0)
            throw UsageError(option + message.substr(knob.key.size()));
        throw UsageError(option + ": " + message);
    }
}

} // namespace cli
