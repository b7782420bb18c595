#include "layer_bits.h"

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

} // namespace cli
