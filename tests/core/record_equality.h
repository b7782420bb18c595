#pragma once
// Field-by-field comparison of two RunRecords (what a run reported against what a
// log gave back). Doubles are compared exactly: the log stores them as float64.
#include "adaround/config_json.h"
#include "adaround/run_record.h"

#include <gtest/gtest.h>

#include <cmath>
#include <utility>

// A log keeps fractional positions in 1/256 steps (the step's centre when read):
// within 1/512 of the run's, and on the same side of 0.5 (the nearest decision).
inline void expectSameFractions(const std::vector<float>& a, const std::vector<float>& b, const std::string& name)
{
    ASSERT_EQ(a.size(), b.size()) << name;
    for (size_t i = 0; i < a.size(); ++i) {
        EXPECT_NEAR(a[i], b[i], 1.0 / 512 + 1e-6) << name << " weight " << i;
        EXPECT_EQ(a[i] >= 0.5f, b[i] >= 0.5f) << name << " weight " << i;
    }
}

namespace testsupport {

inline void expectSameLayerInfo(const adaround::LayerInfo& a, const adaround::LayerInfo& b)
{
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.kind, b.kind) << a.name;
    EXPECT_EQ(a.weightShape, b.weightShape) << a.name;
    EXPECT_EQ(a.params, b.params) << a.name;
    EXPECT_EQ(a.groups, b.groups) << a.name;
    EXPECT_EQ(a.stride, b.stride) << a.name;
    EXPECT_EQ(a.padding, b.padding) << a.name;
    EXPECT_EQ(a.dilation, b.dilation) << a.name;
    EXPECT_EQ(a.activation, b.activation) << a.name;
    EXPECT_EQ(a.batchNorm, b.batchNorm) << a.name;
    EXPECT_EQ(a.batchNormFolded, b.batchNormFolded) << a.name;
    EXPECT_EQ(a.hasBias, b.hasBias) << a.name;
}

inline void expectSameStart(const adaround::RunStarted& a, const adaround::RunStarted& b)
{
    EXPECT_EQ(adaround::configToJson(a.config), adaround::configToJson(b.config));
    EXPECT_EQ(a.config.modelPath, b.config.modelPath);
    EXPECT_EQ(a.config.lambda, b.config.lambda);
    EXPECT_EQ(a.config.iterations, b.config.iterations);
    ASSERT_EQ(a.layers.size(), b.layers.size());
    for (size_t i = 0; i < a.layers.size(); ++i)
        expectSameLayerInfo(a.layers[i], b.layers[i]);
    EXPECT_EQ(a.bits, b.bits);
    EXPECT_EQ(a.adaround, b.adaround);
    EXPECT_EQ(a.calibImages, b.calibImages);
    EXPECT_EQ(a.evalImages, b.evalImages);
    EXPECT_EQ(a.preprocess, b.preprocess);
    EXPECT_EQ(a.calibFiles, b.calibFiles);
    for (auto [x, y] : {std::pair{&a.skippedCalib, &b.skippedCalib}, std::pair{&a.skippedEval, &b.skippedEval}}) {
        ASSERT_EQ(x->size(), y->size());
        for (size_t i = 0; i < x->size(); ++i)
            EXPECT_EQ((*x)[i].describe(), (*y)[i].describe());
    }
    ASSERT_EQ(a.floatLayers.size(), b.floatLayers.size());
    for (size_t i = 0; i < a.floatLayers.size(); ++i) {
        EXPECT_EQ(a.floatLayers[i].name, b.floatLayers[i].name);
        EXPECT_EQ(a.floatLayers[i].kind, b.floatLayers[i].kind);
    }
    EXPECT_EQ(a.classes.names, b.classes.names);
    EXPECT_EQ(a.classes.source, b.classes.source);
    EXPECT_EQ(a.classes.calibClasses, b.classes.calibClasses);
    EXPECT_EQ(a.classes.evalClasses, b.classes.evalClasses);
    EXPECT_EQ(a.memory.describe(), b.memory.describe()); // every count and the widest layer
    ASSERT_EQ(a.activationGrids.size(), b.activationGrids.size());
    for (size_t i = 0; i < a.activationGrids.size(); ++i) {
        EXPECT_EQ(a.activationGrids[i].layer, b.activationGrids[i].layer);
        EXPECT_EQ(a.activationGrids[i].bits, b.activationGrids[i].bits);
        EXPECT_EQ(a.activationGrids[i].scale, b.activationGrids[i].scale);
        EXPECT_EQ(a.activationGrids[i].zeroPoint, b.activationGrids[i].zeroPoint);
    }
}

inline void expectSameAccuracy(const adaround::Accuracy& a, const adaround::Accuracy& b)
{
    EXPECT_EQ(a.top1, b.top1);
    EXPECT_EQ(a.top5, b.top5);
    EXPECT_EQ(a.count, b.count);
}

inline void expectSameRecord(const adaround::RunRecord& a, const adaround::RunRecord& b)
{
    using namespace adaround;
    ASSERT_EQ(a.hasStarted, b.hasStarted);
    if (a.hasStarted)
        expectSameStart(a.started, b.started);

    ASSERT_EQ(a.layerStarts.size(), b.layerStarts.size());
    for (size_t i = 0; i < a.layerStarts.size(); ++i) {
        EXPECT_EQ(a.layerStarts[i].layer, b.layerStarts[i].layer);
        EXPECT_EQ(a.layerStarts[i].name, b.layerStarts[i].name);
        EXPECT_EQ(a.layerStarts[i].bits, b.layerStarts[i].bits);
        EXPECT_EQ(a.layerStarts[i].iterations, b.layerStarts[i].iterations);
    }
    ASSERT_EQ(a.iterations.size(), b.iterations.size());
    for (size_t i = 0; i < a.iterations.size(); ++i) {
        const IterationStats &x = a.iterations[i], &y = b.iterations[i];
        EXPECT_EQ(x.layer, y.layer);
        EXPECT_EQ(x.iteration, y.iteration);
        EXPECT_EQ(x.recLoss, y.recLoss) << "layer " << x.layer << " iteration " << x.iteration;
        EXPECT_EQ(x.roundLoss, y.roundLoss);
        EXPECT_EQ(x.beta, y.beta);
        EXPECT_EQ(x.total, y.total);
    }
    ASSERT_EQ(a.histograms.size(), b.histograms.size());
    for (size_t i = 0; i < a.histograms.size(); ++i) {
        EXPECT_EQ(a.histograms[i].layer, b.histograms[i].layer);
        EXPECT_EQ(a.histograms[i].iteration, b.histograms[i].iteration);
        EXPECT_EQ(a.histograms[i].counts, b.histograms[i].counts);
        EXPECT_EQ(a.histograms[i].settledShare, b.histograms[i].settledShare);
    }
    ASSERT_EQ(a.samples.size(), b.samples.size());
    for (size_t i = 0; i < a.samples.size(); ++i) {
        EXPECT_EQ(a.samples[i].layer, b.samples[i].layer);
        EXPECT_EQ(a.samples[i].iteration, b.samples[i].iteration);
        EXPECT_EQ(a.samples[i].indices, b.samples[i].indices);
        EXPECT_EQ(a.samples[i].h, b.samples[i].h);
    }
    ASSERT_EQ(a.weights.size(), b.weights.size());
    for (size_t i = 0; i < a.weights.size(); ++i) {
        const QuantizedLayer &x = a.weights[i], &y = b.weights[i];
        EXPECT_EQ(x.layer, y.layer);
        EXPECT_EQ(x.name, y.name);
        EXPECT_EQ(x.shape, y.shape) << x.name;
        EXPECT_EQ(x.codes, y.codes) << x.name;
        EXPECT_EQ(x.roundedUp, y.roundedUp) << x.name;
        expectSameFractions(x.fraction, y.fraction, x.name);
        EXPECT_EQ(x.grid.bits, y.grid.bits) << x.name;
        EXPECT_EQ(x.grid.symmetric, y.grid.symmetric) << x.name;
        EXPECT_EQ(x.grid.scale, y.grid.scale) << x.name;
        EXPECT_EQ(x.grid.zeroPoint, y.grid.zeroPoint) << x.name;
    }
    ASSERT_EQ(a.layers.size(), b.layers.size());
    for (size_t i = 0; i < a.layers.size(); ++i) {
        const LayerFinished &x = a.layers[i], &y = b.layers[i];
        EXPECT_EQ(x.layer, y.layer);
        EXPECT_EQ(x.name, y.name);
        EXPECT_EQ(x.bits, y.bits);
        // NaN: an RTN-only layer's error the run could not measure, the same NaN both ways.
        auto same = [](double u, double v) { return u == v || (std::isnan(u) && std::isnan(v)); };
        EXPECT_PRED2(same, x.recMseRtn, y.recMseRtn) << x.name;
        EXPECT_EQ(x.recMseSoft, y.recMseSoft) << x.name;
        EXPECT_PRED2(same, x.recMseHard, y.recMseHard) << x.name;
        EXPECT_EQ(x.flippedShare, y.flippedShare) << x.name;
        EXPECT_EQ(x.settledShare, y.settledShare) << x.name;
        EXPECT_EQ(x.keptRtn, y.keptRtn) << x.name;
        EXPECT_EQ(x.optimised, y.optimised) << x.name;
        EXPECT_EQ(x.objective, y.objective) << x.name;
        EXPECT_EQ(x.seconds, y.seconds) << x.name;
        EXPECT_EQ(x.iterationsPerSecond, y.iterationsPerSecond) << x.name;
    }
    ASSERT_EQ(a.baseline.has_value(), b.baseline.has_value());
    if (a.baseline) {
        expectSameAccuracy(a.baseline->fp32, b.baseline->fp32);
        expectSameAccuracy(a.baseline->rtn, b.baseline->rtn);
    }
    ASSERT_EQ(a.progress.size(), b.progress.size());
    for (size_t i = 0; i < a.progress.size(); ++i) {
        EXPECT_EQ(a.progress[i].layersDone, b.progress[i].layersDone);
        EXPECT_EQ(a.progress[i].rtnTop1, b.progress[i].rtnTop1);
        EXPECT_EQ(a.progress[i].adaroundTop1, b.progress[i].adaroundTop1);
    }
    ASSERT_EQ(a.finished.has_value(), b.finished.has_value());
    if (a.finished) {
        expectSameAccuracy(a.finished->fp32, b.finished->fp32);
        expectSameAccuracy(a.finished->rtn, b.finished->rtn);
        expectSameAccuracy(a.finished->adaround, b.finished->adaround);
        EXPECT_EQ(a.finished->seconds, b.finished->seconds);
    }
    EXPECT_EQ(a.end, b.end);
    EXPECT_EQ(a.error, b.error);
    EXPECT_EQ(a.layersDone, b.layersDone);
}

} // namespace testsupport
