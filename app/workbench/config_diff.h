#pragma once
// Which settings differ between runs, to name an overlaid run in a legend
// ("λ=0.1, iterations=500"). Settings are compared knob by knob through the
// knob table (Knob::get), plus the structured settings beside it (per-layer
// bits, RTN-only layers, preprocessing overrides), under their config JSON keys.
#include "adaround/adaround_config.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <vector>

// The config JSON keys whose values differ between A and B, in alphabetical order.
QStringList differingSettings(const adaround::AdaRoundConfig& a, const adaround::AdaRoundConfig& b);

// A legend label for RUN against REFERENCE: its values of the differing settings
// ("λ=0.1, schedule=cosine"), or FALLBACK when nothing differs. With
// MAX_SETTINGS > 0 at most that many are named, then "+N more".
QString comparisonLabel(const adaround::AdaRoundConfig& run, const adaround::AdaRoundConfig& reference,
                        const QString& fallback, int maxSettings = 0);

// The full difference, one setting a line: "λ: 0.1 (shown run: 0.01)"; empty when equal.
QString comparisonTooltip(const adaround::AdaRoundConfig& run, const adaround::AdaRoundConfig& reference,
                          const QString& referenceName);

// Names for a set of runs compared together: each run's values of the settings
// that differ anywhere in the set ("λ=0.01" and "λ=0.1"), at most MAX_SETTINGS
// of them; FALLBACKS[i] where a run's settings equal every other's.
QStringList comparisonNames(const std::vector<adaround::AdaRoundConfig>& runs, const QStringList& fallbacks,
                            int maxSettings = 3);

// A setting's name as shown ("λ" for lambda) and its value in CONFIG, by config JSON key.
QString settingName(const QString& key);
QString settingValue(const QString& key, const adaround::AdaRoundConfig& config);
// Every setting of CONFIG as (name, value): the knobs (paths whole), then the structured settings.
QList<QPair<QString, QString>> allSettings(const adaround::AdaRoundConfig& config);
