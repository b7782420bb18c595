#pragma once
// A synthetic run of paper scale for the run log's write cost: torchvision
// ResNet-50's 54 quantizable layers (25.5M weights, 2.4M in each of layer4's
// 3x3 convs), 10,000 iterations each, events at the engine's default cadence
// (statistics every 50 iterations, 50-bin histograms every 200), an accuracy
// point after each layer, and integer weights with realistic entropy (codes
// spread over the grid, rounding choices a coin flip each), so that the log
// compresses as a real one does. The events are made one at a time, never all
// held: the caller's clock advances by the iterations between two events.
#include "adaround/run_events.h"
#include "synthetic_run.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace testsupport {

struct LargeRunShape {
    int iterations = 10000;
    int bits = 4;          // first and last layer 8 bits
    int statsInterval = 50; // AdaRoundConfig's defaults
    int histogramInterval = 200;
    int histogramBins = 50;
};

// torchvision resnet50, in forward order: conv1; per bottleneck conv1, conv2,
// conv3 (and downsample.0 in the first of each stage); fc.
inline std::vector<LayerInfo> resnet50Layers()
{
    std::vector<LayerInfo> layers{conv("conv1", {64, 3, 7, 7}, Activation::ReLU)};
    const int blocks[] = {3, 4, 6, 3};
    int64_t in = 64;
    for (int stage = 0; stage < 4; ++stage) {
        const int64_t width = int64_t(64) << stage, out = width * 4;
        for (int b = 0; b < blocks[stage]; ++b) {
            const std::string p = "layer" + std::to_string(stage + 1) + "." + std::to_string(b) + ".";
            layers.push_back(conv(p + "conv1", {width, b == 0 ? in : out, 1, 1}, Activation::ReLU));
            layers.push_back(conv(p + "conv2", {width, width, 3, 3}, Activation::ReLU));
            layers.push_back(conv(p + "conv3", {out, width, 1, 1}, Activation::ReLU));
            if (b == 0)
                layers.push_back(conv(p + "downsample.0", {out, in, 1, 1}, Activation::None));
        }
        in = out;
    }
    LayerInfo fc;
    fc.name = "fc";
    fc.kind = LayerKind::Linear;
    fc.weightShape = {1000, 2048};
    fc.params = 1000 * 2048 + 1000;
    fc.hasBias = true;
    layers.push_back(fc);
    return layers;
}

// xorshift64*: fast, deterministic, good enough for weights that must not compress too well.
struct SyntheticRandom {
    uint64_t state = 0x9e3779b97f4a7c15ull;
    uint64_t next()
    {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 0x2545f4914f6cdd1dull;
    }
};

// Codes around each channel's zero point with a spread of a sixth of the grid
// (a sum of four uniforms), and coin-flip rounding choices.
inline QuantizedLayer realisticWeights(int layer, const LayerInfo& info, int bits, SyntheticRandom& rng)
{
    QuantizedLayer w;
    w.layer = layer;
    w.name = info.name;
    w.shape = info.weightShape;
    w.grid.bits = bits;
    const int qmax = (1 << bits) - 1;
    const int64_t channels = w.shape[0];
    size_t n = 1;
    for (int64_t d : w.shape)
        n *= size_t(d);
    w.codes.resize(n);
    w.roundedUp.resize(n);
    for (size_t i = 0; i < n; ++i) {
        const uint64_t r = rng.next();
        const int sum = int(r & 0xff) + int((r >> 8) & 0xff) + int((r >> 16) & 0xff) + int((r >> 24) & 0xff) - 510;
        const int code = (qmax + 1) / 2 + sum * (qmax + 1) / 1530; // ~N(mid, qmax/6)
        w.codes[i] = uint8_t(std::clamp(code, 0, qmax));
        w.roundedUp[i] = uint8_t((r >> 40) & 1);
    }
    for (int64_t c = 0; c < channels; ++c) {
        w.grid.scale.push_back(0.001f * float(1 + (rng.next() % 1000)) / 100.0f);
        w.grid.zeroPoint.push_back(float((qmax + 1) / 2));
    }
    return w;
}

inline RunStarted largeRunStart(const std::string& modelPath, const LargeRunShape& shape)
{
    RunStarted s;
    s.config.modelPath = modelPath;
    s.config.calibDir = "/data/imagenet/train";
    s.config.evalDir = "/data/imagenet/val";
    s.config.iterations = shape.iterations;
    s.config.bits.defaultBits = shape.bits;
    s.config.statsInterval = shape.statsInterval;
    s.config.histogramInterval = shape.histogramInterval;
    s.config.histogramBins = shape.histogramBins;
    s.config.calibSize = 1024;
    s.layers = resnet50Layers();
    for (size_t i = 0; i < s.layers.size(); ++i) {
        s.bits.push_back(i == 0 || i + 1 == s.layers.size() ? 8 : shape.bits);
        s.adaround.push_back(true);
    }
    s.calibImages = 1024;
    s.evalImages = 50000;
    s.preprocess = "imagenet: resize 256, center crop 224, RGB, mean/std";
    for (int i = 0; i < 1024; ++i)
        s.calibFiles.push_back("/data/imagenet/train/n0" + std::to_string(1440764 + i % 1000) + "/n0" +
                               std::to_string(1440764 + i % 1000) + "_" + std::to_string(10000 + i) + ".JPEG");
    return s;
}

// Sends the run's events to OBSERVER. Before each event, TICK(n) is called with
// the iterations done since the previous event (0 for events between loops).
template <class Tick>
void sendLargeRun(RunObserver& observer, const LargeRunShape& shape, Tick&& tick, const std::string& modelPath = "")
{
    const RunStarted start = largeRunStart(modelPath, shape);
    tick(0);
    observer.onEvent(start);
    SyntheticRandom rng;
    const int L = int(start.layers.size());
    for (int layer = 0; layer < L; ++layer) {
        const LayerInfo& info = start.layers[size_t(layer)];
        const int bits = start.bits[size_t(layer)];
        tick(0);
        observer.onEvent(LayerStarted{layer, info.name, bits, shape.iterations});
        std::vector<int64_t> counts(size_t(shape.histogramBins), 0);
        int at = 0;
        auto histogram = [&](int it) {
            for (int64_t& c : counts)
                c = int64_t(rng.next() % 50000);
            observer.onEvent(HistogramSnapshot{layer, it, counts, double(it) / shape.iterations});
        };
        tick(0);
        histogram(0);
        for (int it = 1; it <= shape.iterations; ++it) {
            const bool stats = it % shape.statsInterval == 0 || it == shape.iterations;
            const bool hist = it % shape.histogramInterval == 0 || it == shape.iterations;
            if (!stats && !hist)
                continue;
            tick(it - at);
            at = it;
            if (stats) {
                const double rec = 1.0 / (1 + it * 0.001) + layer * 1e-3, round = it > 2000 ? 500.0 / it : 0.0;
                observer.onEvent(IterationStats{layer, it, rec, round, 20.0 - 18.0 * it / shape.iterations, rec + round});
            }
            if (hist)
                histogram(it);
        }
        tick(0);
        observer.onEvent(realisticWeights(layer, info, bits, rng));
        LayerFinished f;
        f.layer = layer;
        f.name = info.name;
        f.bits = bits;
        f.recMseRtn = 0.02;
        f.recMseSoft = f.recMseHard = 0.01;
        f.flippedShare = 0.12;
        f.settledShare = 0.98;
        f.iterationsPerSecond = 10;
        tick(0);
        observer.onEvent(f);
        tick(0);
        observer.onEvent(AccuracyPoint{layer + 1, 70.0 - 0.1 * layer, 75.0 - 0.05 * layer});
    }
    RunFinished fin;
    fin.fp32 = {76.1, 92.9, 50000};
    fin.rtn = {60.0, 83.0, 50000};
    fin.adaround = {75.0, 92.0, 50000};
    tick(0);
    observer.onEvent(fin);
}

} // namespace testsupport
