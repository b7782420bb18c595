#pragma once
// The options of rtn and run that are not knobs: per-layer bits
// (--bits-layer NAME=B, repeatable), per-layer knobs (--layer-set NAME.KEY=VALUE), the class list (--classes FILE) and
// explicit preprocessing on top of the preset (--channels, --resize, --crop,
// --mean, --std).
#include "adaround/adaround_config.h"

#include <string>
#include <utility>

namespace CLI {
class App;
class Option;
} // namespace CLI

namespace cli {

class SharedOptions {
public:
    // LAYER_BITS false: no --bits-layer (a command that chooses the bits itself).
    explicit SharedOptions(CLI::App& cmd, bool layerBits = true);

    // Appends the --bits-layer overrides to CONFIG's and sets the class list
    // and the preprocessing settings given. Throws UsageError naming the
    // option, Error for a class-list file that cannot be read or is malformed.
    void applyTo(adaround::AdaRoundConfig& config) const;

private:
    CLI::Option* bitsLayer_ = nullptr; // absent where the command sets the bits per layer itself
    CLI::Option* layerSet_ = nullptr;
    CLI::Option* classes_;
    CLI::Option* channels_;
    CLI::Option* resize_;
    CLI::Option* crop_;
    CLI::Option* mean_;
    CLI::Option* std_;
};

// "conv1=4" -> ("conv1", 4); "fc=fp32" -> ("fc", 0). Throws UsageError.
std::pair<std::string, int> parseLayerBits(const std::string& spec);

// "conv1.lambda=0.1" -> the override lambda = 0.1 of layer conv1 (the key
// after the last dot; a knob key or CLI name). Throws UsageError naming the option.
void applyLayerSet(const std::string& spec, adaround::AdaRoundConfig& config);

// One line on stderr if THREADS is more than the hardware's: the engine uses
// the hardware's count (adaround::setThreads).
void noteThreadLimit(int threads);

} // namespace cli
