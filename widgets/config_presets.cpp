#include "config_presets.h"

#include "adaround/knobs.h"

#include <QCoreApplication>

#include <vector>

QStringList presetNames()
{
    return {QCoreApplication::translate("ConfigPreset", "Paper defaults"),
            QCoreApplication::translate("ConfigPreset", "AIMET defaults"),
            QCoreApplication::translate("ConfigPreset", "Fast preview")};
}

namespace {

// What a preset sets, by knob key: the optimisation schedule and the amounts of
// data. Bits, seed, objective, paths and the runtime stay as the user set them.
const char* const kPresetKeys[] = {"iterations", "batch_size", "learning_rate", "lambda",     "beta_start",
                                   "beta_end",   "warmup",     "schedule",      "calib_size", "eval_subset"};

struct Setting {
    const char* key;
    const char* value;
};

// Each preset: the engine's defaults (the paper's settings) for kPresetKeys, then these.
std::vector<Setting> presetSettings(ConfigPreset preset)
{
    switch (preset) {
    case ConfigPreset::Paper:
        return {};
    case ConfigPreset::Aimet:
        return {{"schedule", "cosine"}};
    case ConfigPreset::FastPreview:
        return {{"iterations", "500"}, {"calib_size", "512"}, {"eval_subset", "500"}};
    }
    return {};
}

const adaround::Knob& knob(const char* key)
{
    const adaround::Knob* k = adaround::findKnob(key);
    Q_ASSERT_X(k, "applyPreset", key); // a key missing from the knob table is a programming error
    return *k;
}

} // namespace

void applyPreset(adaround::AdaRoundConfig& c, ConfigPreset preset)
{
    for (const char* key : kPresetKeys)
        knob(key).set(c, knob(key).defaultValue());
    for (const Setting& s : presetSettings(preset))
        knob(s.key).set(c, adaround::parseKnobValue(knob(s.key), s.value));
}
