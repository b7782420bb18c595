#include "quant_options.h"

#include "arg_parser.h"

namespace cli {

std::pair<std::string, int> parseLayerBits(const std::string& spec)
{
    const size_t eq = spec.rfind('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
        throw UsageError("--bits-layer needs NAME=BITS (BITS 2-8 or fp32), got '" + spec + "'");
    const std::string name = spec.substr(0, eq), b = spec.substr(eq + 1);
    if (b == "fp32" || b == "float" || b == "off")
        return {name, 0};
    long bits = 0;
    if (!parseWhole(b, &bits))
        throw UsageError("--bits-layer " + spec + ": BITS must be a number from 2 to 8, or fp32");
    if (bits < 2 || bits > 8)
        throw UsageError("--bits-layer " + spec + ": bits must be between 2 and 8");
    return {name, int(bits)};
}

void readQuantOptions(const ArgParser& p, adaround::BitPlan& bits, adaround::QuantSpec& quant)
{
    bits.defaultBits = p.intValue("bits", bits.defaultBits, 2, 8);
    if (p.has("first-last-bits"))
        bits.firstLastBits = p.value("first-last-bits") == "same" ? 0 : p.intValue("first-last-bits", 8, 2, 8);
    for (const auto& spec : p.values("bits-layer"))
        bits.overrides.push_back(parseLayerBits(spec));
    if (p.has("per-tensor"))
        quant.perChannel = false;
    if (p.has("symmetric"))
        quant.symmetric = true;
}

} // namespace cli
