// One-pass capture (issue 11): advancing images through the model one segment
// per layer gives every layer the same input as the old capture, which re-ran
// the model's prefix for each layer: bitwise at equal batching, within float
// tolerance otherwise; on torchvision exports (residual adds, in-place ReLUs,
// scripted and traced) with and without activation quantizers in the graph.
#include "activation_quant_p.h"
#include "adaround/model.h"
#include "cut_states_p.h"
#include "layer_capture_p.h"
#include "test_support.h"

using namespace adaround;
using namespace testsupport;

namespace {

torch::Tensor randomImages(int64_t n)
{
    torch::manual_seed(7);
    return torch::randn({n, 3, 224, 224});
}

std::vector<int> allLayers(const Model& m)
{
    std::vector<int> layers(m.layers().size());
    for (size_t i = 0; i < layers.size(); ++i)
        layers[i] = int(i);
    return layers;
}

class Capture : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override
    {
        model = Model::load(exportedModel(GetParam()));
        model->foldBatchNorm();
    }
    // Every layer's input both ways; CHUNK: the segments' batch, the old
    // capture's is 128.
    void compare(ModelImpl& m, const torch::Tensor& images, int64_t chunk, float tolerance)
    {
        const std::vector<int> layers = allLayers(*model);
        SegmentedForward segments(m, layers);
        CutStates states(segments, images, {}, "", chunk);
        for (size_t c = 0; c < layers.size(); ++c) {
            if (c > 0)
                states.advance({}, "");
            const torch::Tensor mine = states.takeLayerInput();
            if (c % 3 != 0 && c + 1 != layers.size())
                continue; // the old capture is quadratic in depth: every third layer and the last
            const torch::Tensor old = LayerInputCapture(m, layers[c]).runAll(images, 0);
            ASSERT_EQ(mine.sizes(), old.sizes()) << m.layers[c].name;
            const float diff = (mine - old).abs().max().item<float>();
            const float scale = old.abs().max().item<float>();
            if (tolerance == 0)
                EXPECT_TRUE(torch::equal(mine, old)) << m.layers[c].name << ": max diff " << diff;
            else
                EXPECT_LE(diff, tolerance * std::max(1.f, scale)) << m.layers[c].name;
        }
        // Past the last cut: the model's output.
        states.advance({}, "");
        const torch::Tensor logits = states.outputFromHere();
        const torch::Tensor direct = m.forward(images);
        EXPECT_LE((logits - direct).abs().max().item<float>(), 1e-4f * std::max(1.f, direct.abs().max().item<float>()));
    }
    std::unique_ptr<Model> model;
};

} // namespace

TEST_P(Capture, EqualsThePerLayerCaptureBitwiseAtEqualBatching)
{
    compare(model->impl(), randomImages(3), 128, 0);
}

TEST_P(Capture, EqualsThePerLayerCaptureWithinToleranceInOtherBatches)
{
    compare(model->impl(), randomImages(3), 2, 1e-4f);
}

TEST_P(Capture, EqualsThePerLayerCaptureWithActivationQuantizersInTheGraph)
{
    auto quantized = model->clone();
    const torch::Tensor images = randomImages(3);
    quantized->impl().setInputQuantizers(calibrateActivations(model->impl(), allLayers(*model), images, 8, 0));
    compare(quantized->impl(), images, 128, 0);
}

TEST_P(Capture, TheCurveFromACutEqualsTheWholeModel)
{
    // After each cut the rest of the network gives the model's logits, and
    // running it leaves the kept state untouched (it is run again).
    const std::vector<int> layers = allLayers(*model);
    SegmentedForward segments(model->impl(), layers);
    const torch::Tensor images = randomImages(3);
    const torch::Tensor direct = model->impl().forward(images);
    CutStates states(segments, images, {}, "");
    for (size_t c = 0; c < layers.size(); c += 5) {
        for (size_t i = states.cut(); i < c; ++i)
            states.advance({}, "");
        const torch::Tensor first = states.outputFromHere();
        EXPECT_TRUE(torch::equal(first, states.outputFromHere())) << "state changed by the tail at cut " << c;
        EXPECT_LE((first - direct).abs().max().item<float>(), 1e-4f * std::max(1.f, direct.abs().max().item<float>()));
    }
}

INSTANTIATE_TEST_SUITE_P(Exports, Capture,
                         ::testing::Values("resnet18_scripted", "resnet18_traced", "mobilenet_v2_scripted",
                                           "mobilenet_v2_traced"));
