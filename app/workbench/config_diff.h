#pragma once
// Which settings differ between runs, to name an overlaid run in a legend
// ("λ=0.1, iterations=500"). Settings are compared knob by knob through the
// knob table (Knob::get), plus the structured settings beside it (per-layer
// bits, RTN-only layers, preprocessing overrides), under their config JSON keys.
#include "adaround/adaround_config.h"

#include <QString>
#include <QStringList>

// The config JSON keys whose values differ between A and B, in alphabetical order.
QStringList differingSettings(const adaround::AdaRoundConfig& a, const adaround::AdaRoundConfig& b);

// A legend label for RUN against REFERENCE: its values of the differing settings
// ("lambda=0.1, schedule=cosine"), or FALLBACK when nothing differs.
QString comparisonLabel(const adaround::AdaRoundConfig& run, const adaround::AdaRoundConfig& reference,
                        const QString& fallback);
