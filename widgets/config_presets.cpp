#include "config_presets.h"

#include <QCoreApplication>

QStringList presetNames()
{
    return {QCoreApplication::translate("ConfigPreset", "Paper defaults"),
            QCoreApplication::translate("ConfigPreset", "AIMET defaults"),
            QCoreApplication::translate("ConfigPreset", "Fast preview")};
}

void applyPreset(adaround::AdaRoundConfig& c, ConfigPreset preset)
{
    // Every preset starts from the paper's optimisation settings (the engine's defaults).
    const adaround::AdaRoundConfig paper;
    c.iterations = paper.iterations;
    c.batchSize = paper.batchSize;
    c.learningRate = paper.learningRate;
    c.lambda = paper.lambda;
    c.betaStart = paper.betaStart;
    c.betaEnd = paper.betaEnd;
    c.warmup = paper.warmup;
    c.schedule = adaround::BetaSchedule::Linear;
    c.calibSize = paper.calibSize;
    c.evalSubset = paper.evalSubset;
    switch (preset) {
    case ConfigPreset::Paper:
        break;
    case ConfigPreset::Aimet:
        c.schedule = adaround::BetaSchedule::Cosine;
        break;
    case ConfigPreset::FastPreview:
        c.iterations = 500;
        c.calibSize = 512;
        c.evalSubset = 500;
        break;
    }
}
