#pragma once
// A synthetic run for the run-log tests: three layers (conv, RTN-only conv,
// linear) around a float layer, with every event kind, written without the engine.
#include "adaround/run_record.h"

#include <string>
#include <vector>

namespace testsupport {

using namespace adaround;

inline LayerInfo conv(const std::string& name, std::vector<int64_t> shape, Activation act)
{
    LayerInfo l;
    l.name = name;
    l.weightShape = std::move(shape);
    l.params = 1;
    for (int64_t d : l.weightShape)
        l.params *= d;
    l.stride = {1, 1};
    l.padding = {1, 1};
    l.dilation = {1, 1};
    l.activation = act;
    l.batchNorm = name + "_bn";
    l.batchNormFolded = true;
    l.hasBias = true;
    return l;
}

inline QuantizedLayer weightsOf(int layer, const LayerInfo& info, int bits)
{
    QuantizedLayer w;
    w.layer = layer;
    w.name = info.name;
    w.shape = info.weightShape;
    w.grid.bits = bits;
    size_t n = 1;
    for (int64_t d : w.shape)
        n *= size_t(d);
    for (size_t i = 0; i < n; ++i) {
        w.codes.push_back(uint8_t((i * 7) % (1u << bits)));
        w.roundedUp.push_back(uint8_t(i % 3 == 0));
        w.fraction.push_back(float((i * 37) % 100) / 100.0f);
    }
    for (int64_t c = 0; c < w.shape[0]; ++c) {
        w.grid.scale.push_back(0.01f * float(c + 1) / 3.0f);
        w.grid.zeroPoint.push_back(float(c % (1 << bits)));
    }
    return w;
}

// A run of three layers (conv, RTN-only conv, linear) with a float layer in between.
inline RunRecord syntheticRun(const std::string& modelPath)
{
    RunRecord r;
    r.hasStarted = true;
    RunStarted& s = r.started;
    s.config.modelPath = modelPath;
    s.config.calibDir = "/data/calib";
    s.config.evalDir = "/data/eval";
    s.config.iterations = 100;
    s.config.lambda = 0.015;
    s.config.seed = 42;
    s.config.histogramBins = 8;
    s.config.rtnOnlyLayers = {"conv2"};
    s.config.bits.overrides = {{"conv3", 0}};
    LayerInfo fc;
    fc.name = "fc";
    fc.kind = LayerKind::Linear;
    fc.weightShape = {10, 36};
    fc.params = 370;
    fc.hasBias = true;
    LayerInfo dw = conv("conv3", {4, 1, 3, 3}, Activation::ReLU6);
    dw.groups = 4;
    s.layers = {conv("conv1", {4, 1, 3, 3}, Activation::ReLU), conv("conv2", {4, 4, 3, 3}, Activation::None), dw, fc};
    s.bits = {8, 3, 0, 8};
    s.adaround = {true, false, true, true};
    s.calibImages = 64;
    s.evalImages = 100;
    s.preprocess = "fmnist: 28x28 grayscale";
    for (int i = 0; i < 64; ++i)
        s.calibFiles.push_back("/data/calib/" + std::to_string(i % 10) + "_class/img, \"" + std::to_string(i) + "\".png");
    s.activationGrids = {{0, 8, 0.0213, 87}, {1, 8, 0.0117, 0}};
    s.skippedCalib = {{"/data/calib/3_class/empty.png", "empty file"}};
    s.skippedEval = {{"/data/eval/0_class/huge.png", "30000x30000 pixels, over the 50-megapixel limit"},
                     {"/data/eval/7_class/notes.png", "not an image (no PNG signature)"}};
    s.floatLayers = {{"decoder.up", "ConvTranspose2d"}, {"rnn", "LSTM"}};
    for (int c = 0; c < 10; ++c)
        s.classes.names.push_back(std::to_string(c) + "_class \u00e9");
    s.classes.source = kClassSourceList;
    s.classes.calibClasses = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    s.classes.evalClasses = {5, 6, 7, 8, 9}; // an eval folder holding half of the classes

    int done = 0;
    for (int layer : {0, 1, 3}) {
        const LayerInfo& info = s.layers[size_t(layer)];
        const bool optimised = s.adaround[size_t(layer)];
        r.layerStarts.push_back({layer, info.name, s.bits[size_t(layer)], optimised ? 100 : 0});
        if (optimised) {
            for (int it = 0; it <= 100; it += 50) {
                r.histograms.push_back({layer, it, {int64_t(it), 1, 2, 3, 4, 5, 6, int64_t(layer)}, it / 100.0});
                r.samples.push_back({layer, it, {0, 2, 5, 7}, {0.25f, it / 100.0f, 0.5f, 1.0f - it / 100.0f}});
            }
            for (int it = 10; it <= 100; it += 10) {
                const double rec = it / 64.0 + layer / 4.0;
                const double round = it > 20 ? (100 - it) / 3.0 : 0.0; // not exact in binary: stored exactly
                r.iterations.push_back({layer, it, rec, round, 20.0 - it / 8.0, rec + round});
            }
        }
        r.weights.push_back(weightsOf(layer, info, s.bits[size_t(layer)]));
        LayerFinished f;
        f.layer = layer;
        f.name = info.name;
        f.bits = s.bits[size_t(layer)];
        f.recMseRtn = 0.5 / (layer + 1);
        f.recMseSoft = optimised ? 0.1 / (layer + 1) : 0;
        f.recMseHard = optimised ? 0.2 / (layer + 1) : 0;
        f.flippedShare = optimised ? 0.125 : 0;
        f.settledShare = optimised ? 0.97 : 0;
        f.keptRtn = layer == 3;
        f.optimised = optimised;
        f.objective = layer == 3 ? Objective::Exact : Objective::Paper;
        f.seconds = 1.25 * (layer + 1);
        f.iterationsPerSecond = optimised ? 1234.5 : 0;
        r.layers.push_back(f);
        ++done;
        r.progress.push_back({done, 80.0 + done, 81.5 + done});
    }
    r.layersDone = done;
    // The subset baseline and the curve's start, before the first layer.
    r.baseline = SubsetBaseline{{90.5, 99.25, 40}, {60.25, 90.0, 40}};
    r.progress.insert(r.progress.begin(), AccuracyPoint{0, 90.5, 90.5});
    RunFinished fin;
    fin.fp32 = {91.25, 99.5, 100};
    fin.rtn = {85.0, 98.75, 100};
    fin.adaround = {89.5, 99.0, 100};
    fin.seconds = 12.5;
    r.finished = fin;
    r.end = RunEnd::Completed;
    return r;
}

} // namespace testsupport
