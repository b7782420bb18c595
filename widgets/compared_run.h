#pragma once
// One run of a comparison, as the comparison views and the report use it: its
// short name (the settings that differ), the full difference, its colour, and
// the figures compared (configuration, per-layer results, final accuracies).
#include "adaround/adaround_config.h"
#include "adaround/run_events.h"

#include <QColor>
#include <QString>

#include <optional>
#include <string>
#include <vector>

struct ComparedRun {
    QString label;   // "λ=0.1"
    QString tooltip; // every differing setting, with the other runs' values
    QString source;  // the log's path (empty: the run shown live)
    QColor color;
    adaround::AdaRoundConfig config;
    std::vector<adaround::LayerFinished> layers;
    std::optional<adaround::RunFinished> finished;
    std::string modelSha256; // empty: not known
};

// "A", "B", ... "Z", "AA": the runs' letters in tables.
QString runLetter(int index);
