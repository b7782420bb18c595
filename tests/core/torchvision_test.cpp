// Layer discovery and BN folding on torchvision exports (traced and scripted),
// the errors for broken and float64 models, layers left in float, automatic
// preprocessing for MLPs, all on models generated at test time by
// tests/models/export_test_models.py.
#include "adaround/error.h"
#include "adaround/model.h"
#include "adaround/rtn_comparison.h"
#include "test_support.h"

#include <cmath>
#include <random>

using namespace adaround;
using namespace testsupport;

namespace {

struct Expected {
    const char* name;
    size_t convs;
    size_t linears;
    size_t depthwise;
    size_t relu;
    size_t relu6;
};

// Keeps CTest names short: gtest would otherwise print the struct's bytes.
void PrintTo(const Expected& e, std::ostream* os)
{
    *os << e.name;
}

class Torchvision : public ::testing::TestWithParam<std::tuple<Expected, const char*>> {};

HostTensor randomImages(int n)
{
    HostTensor t;
    t.shape = {n, 3, 224, 224};
    t.values.resize(size_t(t.numel()));
    std::mt19937 gen(3);
    std::normal_distribution<float> dist;
    for (float& v : t.values)
        v = dist(gen);
    return t;
}

} // namespace

TEST_P(Torchvision, LayerTableAndBatchNormFolding)
{
    const auto& [expected, variant] = GetParam();
    auto model = Model::load(exportedModel(std::string(expected.name) + "_" + variant));
    size_t convs = 0, linears = 0, depthwise = 0, relu = 0, relu6 = 0, bn = 0;
    for (const auto& l : model->layers()) {
        convs += l.kind == LayerKind::Conv2d;
        linears += l.kind == LayerKind::Linear;
        depthwise += l.isDepthwise();
        relu += l.activation == Activation::ReLU;
        relu6 += l.activation == Activation::ReLU6;
        bn += !l.batchNorm.empty();
    }
    EXPECT_EQ(convs, expected.convs);
    EXPECT_EQ(linears, expected.linears);
    EXPECT_EQ(depthwise, expected.depthwise);
    EXPECT_EQ(relu, expected.relu);
    EXPECT_EQ(relu6, expected.relu6);
    EXPECT_EQ(bn, expected.convs) << "every torchvision conv is followed by a BatchNorm";
    EXPECT_TRUE(model->notes().empty()) << model->notes().front();
    EXPECT_EQ(model->layers().back().name, expected.name[0] == 'm' ? "classifier.1" : "fc");

    const HostTensor input = randomImages(2);
    const HostTensor before = model->forward(input);
    EXPECT_EQ(size_t(model->foldBatchNorm()), expected.convs);
    const HostTensor after = model->forward(input);
    float diff = 0, scale = 0;
    for (size_t i = 0; i < before.values.size(); ++i) {
        diff = std::max(diff, std::fabs(before.values[i] - after.values[i]));
        scale = std::max(scale, std::fabs(before.values[i]));
    }
    EXPECT_LT(diff, 1e-4f * std::max(1.f, scale)) << "max |logit| " << scale;
}

// resnet18: conv1 + 16 block convs + 3 downsample convs; ReLU after conv1 and
// the first conv of each block. mobilenet_v2: 52 convs, 17 of them depthwise.
INSTANTIATE_TEST_SUITE_P(
    Exports, Torchvision,
    ::testing::Combine(::testing::Values(Expected{"resnet18", 20, 1, 0, 9, 0},
                                         Expected{"resnet50", 53, 1, 0, 33, 0},
                                         Expected{"mobilenet_v2", 52, 1, 17, 0, 35}),
                       ::testing::Values("traced", "scripted")),
    [](const auto& info) { return std::string(std::get<0>(info.param).name) + "_" + std::get<1>(info.param); });

TEST(ExportedModelErrors, ModelWithoutQuantizableLayers)
{
    EXPECT_ERROR_CONTAINS(Model::load(exportedModel("no_layers")), "no_layers.pt", "no quantizable layer");
}

TEST(ExportedModelErrors, TorchSaveCheckpointIsNotTorchScript)
{
    EXPECT_ERROR_CONTAINS(Model::load(exportedModel("state_dict_checkpoint")), "state_dict_checkpoint.pt",
                          "torch.jit.script");
}

TEST(ExportedModelErrors, TracedInTrainingMode)
{
    EXPECT_ERROR_CONTAINS(Model::load(exportedModel("traced_in_training_mode")), "traced_in_training_mode.pt",
                          "training mode", "model.eval()");
}

TEST(ModelErrors, Float64ModelNamesFileAndLayer)
{
    EXPECT_ERROR_CONTAINS(Model::load(exportedModel("float64_weights")),
                          "float64_weights.pt: layer conv has float64 weights", "model.float()");
}

TEST(ModelAnalysis, LayersWithWeightsThatAdaRoundSkipsAreListedAsLeftInFloat)
{
    const auto model = Model::load(exportedModel("unsupported_layers"));
    std::vector<std::string> quantized;
    for (const auto& l : model->layers())
        quantized.push_back(l.name);
    EXPECT_EQ(quantized, (std::vector<std::string>{"conv", "fc"}));
    std::vector<std::string> inFloat;
    for (const auto& f : model->floatLayers())
        inFloat.push_back(f.name + " (" + f.kind + ")");
    EXPECT_EQ(inFloat, (std::vector<std::string>{"up (ConvTranspose2d)", "conv1d (Conv1d)", "lstm (LSTM)"}));
    EXPECT_TRUE(Model::load(exportedModel("resnet18_scripted"))->floatLayers().empty()); // BatchNorms are not listed
}

TEST(ChoosePreprocess, AutoReadsTheImageSizeFromAFirstLinearLayer)
{
    const Preprocess p = choosePreprocess("auto", *Model::load(exportedModel("mlp784")));
    EXPECT_EQ(p.name, "fmnist"); // 784 inputs = 1x28x28
    EXPECT_EQ(p.channels, 1);
    EXPECT_EQ(choosePreprocess("auto", *Model::load(demoModel("fmnist_cnn"))).name, "fmnist");
    EXPECT_EQ(choosePreprocess("imagenet", *Model::load(exportedModel("mlp784"))).name, "imagenet"); // as asked
    EXPECT_ERROR_CONTAINS(choosePreprocess("auto", *Model::load(exportedModel("mlp500"))), "mlp500.pt",
                          "Linear with 500 inputs", "--preprocess");
}
