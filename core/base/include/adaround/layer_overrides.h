#pragma once
// Per-layer overrides of the knobs marked perLayer in the knob table
// (knobs.h): the run's settings with one layer's overrides applied, setting
// and validating overrides, and their text for tables and messages.
//
// The overrides live in AdaRoundConfig::layerOverrides (layer name -> knob
// key -> value), except bits: a per-layer bit width stays in the BitPlan
// (bits.overrides), which also knows "fp32" and the first/last-layer rule.
#include "adaround/adaround_config.h"
#include "adaround/layer_info.h"

#include <string>
#include <vector>

namespace adaround {

// The effective settings of LAYER: RUN with that layer's overrides applied
// (and none left in the result: its layerOverrides is empty). A bits override
// becomes bits.defaultBits (0, float, leaves it unchanged); the first/last
// rule needs the layer table, see resolveBits().
AdaRoundConfig layerConfig(const AdaRoundConfig& run, const std::string& layer);

// Sets one override. NAME is a knob key or any of its CLI names; bits goes to
// the BitPlan. Throws Error naming the layer and the knob for an unknown knob,
// a knob that is not perLayer, or a value of the wrong type or out of range.
void setLayerOverride(AdaRoundConfig& config, const std::string& layer, const std::string& name,
                      const KnobValue& value);

// The same from text ("conv1", "lr", "1e-2"), parsed with parseKnobValue.
void setLayerOverride(AdaRoundConfig& config, const std::string& layer, const std::string& name,
                      const std::string& text);

// Every override valid on its own (as setLayerOverride checks) and every
// layer's effective settings consistent (beta end <= beta start, batch <=
// calibration size). Throws Error naming the layer. AdaRoundConfig::validate() calls it.
void checkLayerOverrides(const AdaRoundConfig& config);

// At run start, with the model's layers: an override (or a per-layer bit
// width) naming a layer the model does not have is an Error listing the names.
void checkOverriddenLayersExist(const AdaRoundConfig& config, const std::vector<LayerInfo>& layers);

// "lambda=0.1, iterations=500" (bits included, in key order); "" if none.
std::string describeLayerOverrides(const AdaRoundConfig& config, const std::string& layer);

// The per-layer knobs whose effective value for LAYER differs between BASE and
// OTHER (bits as resolveBits gives them with LAYERS), by key, with
// OTHER's values: what makes a layer-lab attempt different, and what "Apply"
// turns into the layer's overrides.
KnobOverrides layerKnobDifferences(const AdaRoundConfig& base, const AdaRoundConfig& other,
                                   const std::vector<LayerInfo>& layers, const std::string& layer);

// "lambda=0.1, schedule=cosine" for DIFFERENCES, "" for none.
std::string describeKnobValues(const KnobOverrides& values);

// The knob keys a layer may override, for messages: "bits, iterations, ...".
std::string perLayerKnobKeys();

} // namespace adaround
