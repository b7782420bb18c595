#pragma once
// Named starting points for the optimisation knobs. They set the optimisation
// settings and the amounts of data; the Teaching preset also the bits (its
// lesson needs a visible round-to-nearest gap). Paths and per-layer choices stay.
#include "adaround/adaround_config.h"

#include <QString>
#include <QStringList>

enum class ConfigPreset {
    Paper,       // Nagel et al. 2020: 10k iterations, batch 32, lr 1e-3, λ 0.01, β 20→2 linear, warm-up 0.2
    Aimet,       // AIMET's defaults: as the paper, with a cosine β decay
    FastPreview, // 500 iterations on 512 images: a run that finishes in about a minute on the demo
    Teaching,    // the paper's 10k iterations, 2-bit weights (ends 8-bit), h(V) every 100: it visibly collapses
};

QStringList presetNames(); // in the order of the enum, for menus and combo boxes
void applyPreset(adaround::AdaRoundConfig& config, ConfigPreset preset);
// What PRESET sets, for tooltips and messages: "iterations 10000, bits 2, ...";
// the paper's defaults for the rest of the optimisation knobs.
QString presetDescription(ConfigPreset preset);
