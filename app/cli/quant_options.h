#pragma once
// The quantization options shared by the rtn and run commands.
#include "adaround/bit_plan.h"
#include "adaround/quantizer.h"

#include <string>
#include <utility>

namespace cli {

class ArgParser;

// Applies --bits, --first-last-bits B|same, --bits-layer (appended),
// --per-tensor and --symmetric where given; other fields keep their values.
void readQuantOptions(const ArgParser& p, adaround::BitPlan& bits, adaround::QuantSpec& quant);

// "conv1=4" -> ("conv1", 4); "fc=fp32" -> ("fc", 0). Throws UsageError.
std::pair<std::string, int> parseLayerBits(const std::string& spec);

} // namespace cli
