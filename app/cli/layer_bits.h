#pragma once
// Parsing of --bits-layer NAME=BITS, shared by the rtn and run commands.
#include <string>
#include <utility>

namespace cli {

// "conv1=4" -> ("conv1", 4); "fc=fp32" -> ("fc", 0). Throws UsageError.
std::pair<std::string, int> parseLayerBits(const std::string& spec);

} // namespace cli
