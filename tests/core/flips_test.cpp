// Who flipped (issue 13, item 3) on a real run of the demo CNN: the fractional
// positions the engine reports against the FP32 weights and the grid, the
// flip counts against the codes and round-to-nearest computed here from the
// FP32 weights, the h(V) samples against the final decisions, and all of it
// through the run log and back.
#include "adaround/adaround_run.h"
#include "adaround/flip_stats.h"
#include "adaround/model.h"
#include "adaround/observer_list.h"
#include "adaround/run_log.h"
#include "record_equality.h"
#include "test_support.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <set>

using namespace adaround;
using namespace testsupport;

namespace {

constexpr int kIterations = 150;
constexpr int kSamples = 64;

AdaRoundConfig shortRun()
{
    AdaRoundConfig c;
    c.modelPath = demoModel("fmnist_cnn");
    c.calibDir = calibDir();
    c.evalDir = smallEvalDir();
    c.bits = {3, 8, {}};
    c.iterations = kIterations;
    c.statsInterval = 50;
    c.histogramInterval = 50;
    c.calibSize = 256;
    c.evalSubset = 0;
    c.threads = 2;
    c.lambda = 0.05; // enough rounding loss in 150 iterations for h(V) to move
    c.trajectorySamples = kSamples;
    c.rtnOnlyLayers = {"conv2"};
    return c;
}

struct Fixture {
    RunRecord record;
    RunLog log;
};

const Fixture& realRun()
{
    static const Fixture f = [] {
        TempDir dir("flips");
        const std::string path = dir / "run.h5";
        RunRecorder recorder;
        RunControl control;
        {
            RunLogWriter writer(path);
            ObserverList both;
            both.add(writer).add(recorder);
            const RunResult r = AdaRoundRun(shortRun()).run(both, control);
            EXPECT_EQ(r.end, RunEnd::Completed) << r.error;
        }
        return Fixture{recorder.take(), readRunLog(path)};
    }();
    return f;
}

const LayerFinished& finishedOf(const RunRecord& r, int layer)
{
    for (const auto& f : r.layers)
        if (f.layer == layer)
            return f;
    throw Error("no results for layer " + std::to_string(layer));
}

} // namespace

TEST(WhoFlipped, FractionsAreTheFp32WeightsPositionOnTheirGrid)
{
    const RunRecord& r = realRun().record;
    auto model = Model::load(demoModel("fmnist_cnn"));
    model->foldBatchNorm(); // the weights the run quantized
    ASSERT_EQ(r.weights.size(), 5u);
    for (const QuantizedLayer& w : r.weights) {
        const HostTensor fp = model->weight(w.layer);
        ASSERT_EQ(w.fraction.size(), w.codes.size()) << w.name;
        ASSERT_EQ(size_t(fp.numel()), w.codes.size()) << w.name;
        const int64_t per = weightsPerChannel(w);
        const int qmax = (1 << w.grid.bits) - 1;
        for (size_t i = 0; i < w.codes.size(); ++i) {
            const size_t c = w.grid.scale.size() == 1 ? 0 : i / size_t(per);
            const float scaled = fp.values[i] / w.grid.scale[c];
            const float floorW = std::floor(scaled);
            ASSERT_GE(w.fraction[i], 0.0f) << w.name << " weight " << i;
            ASSERT_LT(w.fraction[i], 1.0f) << w.name << " weight " << i;
            ASSERT_NEAR(w.fraction[i], scaled - floorW, 1e-6) << w.name << " weight " << i;
            // The stored code is floor(W/s) + the rounding choice on the grid.
            const float code = std::clamp(floorW + float(w.roundedUp[i]) + w.grid.zeroPoint[c], 0.0f, float(qmax));
            ASSERT_EQ(int(w.codes[i]), int(code)) << w.name << " weight " << i;
        }
    }
}

TEST(WhoFlipped, CountsAgreeWithTheCodesAndRoundToNearest)
{
    const RunRecord& r = realRun().record;
    auto model = Model::load(demoModel("fmnist_cnn"));
    model->foldBatchNorm();
    int flippedLayers = 0;
    for (const QuantizedLayer& w : r.weights) {
        const LayerFinished& f = finishedOf(r, w.layer);
        const auto start = std::chrono::steady_clock::now();
        const FlipStats s = flipStats(w, 10);
        std::cout << "  " << w.name << ": " << s.flipped << " of " << s.weights << " flipped (" << s.flippedUp
                  << " up, " << s.flippedDown << " down), counted in "
                  << std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count()
                  << " ms" << (f.optimised ? "" : " (RTN only)") << (f.keptRtn ? " (kept RTN)" : "") << "\n";
        // Round-to-nearest from the FP32 weights (half to even, as the engine),
        // and the codes it gives, against the run's codes.
        const HostTensor fp = model->weight(w.layer);
        const int64_t per = weightsPerChannel(w);
        const int qmax = (1 << w.grid.bits) - 1;
        int64_t choiceDiffers = 0, codeDiffers = 0;
        for (size_t i = 0; i < w.codes.size(); ++i) {
            const size_t c = w.grid.scale.size() == 1 ? 0 : i / size_t(per);
            const float scaled = fp.values[i] / w.grid.scale[c];
            const float nearest = std::nearbyint(scaled);
            const bool nearestUp = nearest > std::floor(scaled);
            choiceDiffers += (w.roundedUp[i] != 0) != nearestUp;
            const int rtnCode = int(std::clamp(nearest + w.grid.zeroPoint[c], 0.0f, float(qmax)));
            codeDiffers += rtnCode != int(w.codes[i]);
        }
        EXPECT_EQ(s.flipped, choiceDiffers) << w.name;
        // A flip moves the code by one unless the grid's edge clips both: never more codes than flips.
        EXPECT_LE(codeDiffers, s.flipped) << w.name;
        EXPECT_GE(codeDiffers, s.flipped * 9 / 10) << w.name << ": most flips change the code";
        EXPECT_EQ(s.flipped, std::llround(f.flippedShare * double(s.weights)) * !f.keptRtn) << w.name;
        EXPECT_EQ(s.flippedUp + s.flippedDown, s.flipped);
        int64_t binned = 0, binnedFlips = 0;
        for (const FlipBin& b : s.byDistance) {
            binned += b.weights;
            binnedFlips += b.flipped;
        }
        EXPECT_EQ(binned, s.weights);
        EXPECT_EQ(binnedFlips, s.flipped);
        if (!f.optimised || f.keptRtn)
            EXPECT_EQ(s.flipped, 0) << w.name;
        flippedLayers += s.flipped > 0;
        // Per channel, the counts add up to the layer's.
        int64_t sum = 0;
        for (int64_t c = 0; c < w.shape[0]; ++c)
            sum += flipStats(w, 10, c).flipped;
        EXPECT_EQ(sum, s.flipped) << w.name;
    }
    EXPECT_GE(flippedLayers, 2) << "AdaRound flips weights on the demo CNN at 3 bits";
}

TEST(WhoFlipped, SampledTrajectoriesEndOnTheDecisions)
{
    const RunRecord& r = realRun().record;
    for (const LayerStarted& start : r.layerStarts) {
        std::vector<const WeightSample*> samples;
        size_t histograms = 0;
        for (const auto& s : r.samples)
            if (s.layer == start.layer)
                samples.push_back(&s);
        for (const auto& h : r.histograms)
            histograms += h.layer == start.layer;
        const LayerFinished& f = finishedOf(r, start.layer);
        if (!f.optimised) {
            EXPECT_TRUE(samples.empty()) << start.name;
            continue;
        }
        ASSERT_EQ(samples.size(), histograms) << start.name << ": one sample per histogram snapshot";
        EXPECT_EQ(samples.back()->iteration, kIterations);
        const QuantizedLayer* w = nullptr;
        for (const auto& q : r.weights)
            w = q.layer == start.layer ? &q : w;
        ASSERT_TRUE(w);
        const auto& indices = samples.front()->indices;
        EXPECT_EQ(indices.size(), std::min<size_t>(kSamples, w->codes.size())) << start.name;
        EXPECT_EQ(std::set<int64_t>(indices.begin(), indices.end()).size(), indices.size());
        EXPECT_TRUE(std::is_sorted(indices.begin(), indices.end()));
        EXPECT_LT(size_t(indices.back()), w->codes.size());
        for (const WeightSample* s : samples) {
            EXPECT_EQ(s->indices, indices);
            ASSERT_EQ(s->h.size(), indices.size());
            for (float h : s->h)
                ASSERT_TRUE(h >= 0.0f && h <= 1.0f) << h;
        }
        // At initialisation h(V) is the fractional position; at the end its side is the decision.
        for (size_t k = 0; k < indices.size(); ++k) {
            const size_t i = size_t(indices[k]);
            EXPECT_NEAR(samples.front()->h[k], w->fraction[i], 1e-4) << start.name << " weight " << i;
            const bool up = samples.back()->h[k] >= 0.5f;
            if (f.keptRtn)
                EXPECT_EQ(w->roundedUp[i] != 0, nearestRoundsUp(w->fraction[i]));
            else
                EXPECT_EQ(w->roundedUp[i] != 0, up) << start.name << " weight " << i;
        }
    }
}

TEST(WhoFlipped, TheLogKeepsFractionsAndSamples)
{
    const Fixture& f = realRun();
    ASSERT_EQ(f.log.record.weights.size(), f.record.weights.size());
    for (size_t i = 0; i < f.record.weights.size(); ++i)
        expectSameFractions(f.log.record.weights[i].fraction, f.record.weights[i].fraction, f.record.weights[i].name);
    ASSERT_EQ(f.log.record.samples.size(), f.record.samples.size());
    for (size_t i = 0; i < f.record.samples.size(); ++i) {
        EXPECT_EQ(f.log.record.samples[i].layer, f.record.samples[i].layer);
        EXPECT_EQ(f.log.record.samples[i].iteration, f.record.samples[i].iteration);
        EXPECT_EQ(f.log.record.samples[i].indices, f.record.samples[i].indices);
        EXPECT_EQ(f.log.record.samples[i].h, f.record.samples[i].h);
    }
}

TEST(WhoFlipped, NoSamplesWhenTheKnobIsOff)
{
    AdaRoundConfig c = shortRun();
    c.trajectorySamples = 0;
    c.iterations = 20;
    c.calibSize = 32;
    c.bits.overrides = {{"conv2", 0}, {"conv3", 0}, {"fc1", 0}, {"fc2", 0}}; // one layer: quick
    c.rtnOnlyLayers.clear();
    RunRecorder recorder;
    RunControl control;
    AdaRoundRun(c).run(recorder, control);
    EXPECT_TRUE(recorder.record().samples.empty());
    ASSERT_EQ(recorder.record().weights.size(), 1u);
    EXPECT_EQ(recorder.record().weights[0].fraction.size(), recorder.record().weights[0].codes.size());
}
