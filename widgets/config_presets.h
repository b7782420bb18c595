#pragma once
// Named starting points for the optimisation knobs. They set only the
// optimisation settings; data, bits and layer choices stay as they are.
#include "adaround/adaround_config.h"

#include <QString>
#include <QStringList>

enum class ConfigPreset {
    Paper,       // Nagel et al. 2020: 10k iterations, batch 32, lr 1e-3, λ 0.01, β 20→2 linear, warm-up 0.2
    Aimet,       // AIMET's defaults: as the paper, with a cosine β decay
    FastPreview, // 500 iterations on 512 images: a run that finishes in about a minute on the demo
};

QStringList presetNames(); // in the order of the enum, for menus and combo boxes
void applyPreset(adaround::AdaRoundConfig& config, ConfigPreset preset);
