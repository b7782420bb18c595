#pragma once
// The run configuration as a JSON document: written by --save-config and the
// run log, read by --config. Unknown keys are errors (they are usually typos).
#include "adaround/adaround_config.h"

#include <string>

namespace adaround {

std::string configToJson(const AdaRoundConfig& config);

// Starts from BASE and applies the keys present in TEXT. Throws Error naming
// the key and the problem.
AdaRoundConfig configFromJson(const std::string& text, AdaRoundConfig base = {});

AdaRoundConfig loadConfigFile(const std::string& path, AdaRoundConfig base = {});
void saveConfigFile(const AdaRoundConfig& config, const std::string& path);

} // namespace adaround
