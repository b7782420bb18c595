#include "config_presets.h"

#include "adaround/knobs.h"

#include <QCoreApplication>

#include <algorithm>
#include <vector>

QStringList presetNames()
{
    return {QCoreApplication::translate("ConfigPreset", "Paper defaults"),
            QCoreApplication::translate("ConfigPreset", "AIMET defaults"),
            QCoreApplication::translate("ConfigPreset", "Fast preview"),
            QCoreApplication::translate("ConfigPreset", "Teaching (h(V) collapses in view)")};
}

namespace {

// What every preset sets, by knob key: the optimisation schedule, the amounts
// of data and the snapshot interval. Seed, objective, paths and the runtime
// stay as the user set them; bits too, unless a preset names them.
const char* const kPresetKeys[] = {"iterations", "batch_size", "learning_rate", "lambda",      "beta_start",
                                   "beta_end",   "warmup",     "schedule",      "calib_size",  "eval_subset",
                                   "histogram_interval"};

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
    case ConfigPreset::Teaching:
        // The paper's settings, where h(V) ends collapsed onto 0 and 1 (>= 85% settled on
        // every layer of the demo CNN, about 2 minutes on 2 cores); 2-bit weights for a
        // round-to-nearest gap AdaRound visibly repairs; snapshots for a smooth history.
        return {{"bits", "2"}, {"first_last_bits", "8"}, {"eval_subset", "500"}, {"histogram_interval", "100"}};
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

QString presetDescription(ConfigPreset preset)
{
    adaround::AdaRoundConfig c;
    applyPreset(c, preset);
    QStringList parts;
    for (const Setting& s : presetSettings(preset))
        parts << QStringLiteral("%1 %2").arg(QString::fromStdString(knob(s.key).label).toLower(), QLatin1String(s.value));
    for (const char* key : {"iterations", "calib_size", "lambda", "beta_start", "beta_end"})
        if (std::none_of(parts.begin(), parts.end(), [&](const QString& p) {
                return p.startsWith(QString::fromStdString(knob(key).label).toLower() + QLatin1Char(' '));
            }))
            parts << QStringLiteral("%1 %2").arg(QString::fromStdString(knob(key).label).toLower(),
                                                 QString::fromStdString(adaround::formatKnobValue(knob(key).get(c))));
    return parts.join(QStringLiteral(", "));
}

void applyPreset(adaround::AdaRoundConfig& c, ConfigPreset preset)
{
    for (const char* key : kPresetKeys)
        knob(key).set(c, knob(key).defaultValue());
    for (const Setting& s : presetSettings(preset))
        knob(s.key).set(c, adaround::parseKnobValue(knob(s.key), s.value));
}
