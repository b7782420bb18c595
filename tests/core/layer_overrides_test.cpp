// Per-layer overrides of perLayer knobs: the effective settings of a layer,
// the JSON round trip (old configs with only bits_layer still read), and
// errors that name the layer and the knob.
#include "adaround/config_json.h"
#include "adaround/error.h"
#include "adaround/json.h"
#include "adaround/knobs.h"
#include "adaround/layer_overrides.h"

#include "test_support.h"

using namespace adaround;
using namespace testsupport;

namespace {

std::vector<LayerInfo> twoLayers()
{
    LayerInfo a, b;
    a.name = "conv1";
    b.name = "features.1.conv";
    return {a, b};
}

} // namespace

TEST(LayerOverrides, LayerConfigAppliesOnlyThatLayersOverrides)
{
    AdaRoundConfig c;
    c.iterations = 2000;
    setLayerOverride(c, "conv1", "iters", std::string("50")); // a CLI name works as the key
    setLayerOverride(c, "conv1", "lambda", KnobValue(0.1));
    setLayerOverride(c, "features.1.conv", "schedule", std::string("cosine"));
    setLayerOverride(c, "features.1.conv", "bits", std::string("3"));
    const AdaRoundConfig a = layerConfig(c, "conv1");
    EXPECT_EQ(a.iterations, 50);
    EXPECT_DOUBLE_EQ(a.lambda, 0.1);
    EXPECT_EQ(a.schedule, BetaSchedule::Linear);
    EXPECT_TRUE(a.layerOverrides.empty());
    const AdaRoundConfig b = layerConfig(c, "features.1.conv");
    EXPECT_EQ(b.iterations, 2000);
    EXPECT_EQ(b.schedule, BetaSchedule::Cosine);
    EXPECT_EQ(b.bits.defaultBits, 3);
    EXPECT_EQ(layerConfig(c, "fc").iterations, 2000);
    ASSERT_EQ(c.bits.overrides.size(), 1u) << "bits stay in the BitPlan";
    EXPECT_EQ(c.bits.overrides[0], std::make_pair(std::string("features.1.conv"), 3));
    EXPECT_EQ(describeLayerOverrides(c, "conv1"), "iterations=50, lambda=0.1");
    EXPECT_EQ(describeLayerOverrides(c, "features.1.conv"), "bits=3, schedule=cosine");
    EXPECT_EQ(describeLayerOverrides(c, "fc"), "");
    c.validate();
}

TEST(LayerOverrides, JsonRoundTripAndOldConfigs)
{
    AdaRoundConfig c;
    setLayerOverride(c, "conv2", "lambda", KnobValue(0.1));
    setLayerOverride(c, "conv2", "iterations", KnobValue(int64_t(500)));
    setLayerOverride(c, "conv2", "seed", KnobValue(uint64_t(UINT64_MAX)));
    setLayerOverride(c, "fc", "bits", KnobValue(int64_t(2)));
    const std::string text = configToJson(c);
    const Json doc = parseJson(text);
    EXPECT_EQ(doc.at("layers").at("conv2").at("lambda").get<double>(), 0.1);
    EXPECT_EQ(doc.at("bits_layer").at("fc").get<int>(), 2);
    EXPECT_FALSE(doc.at("layers").contains("fc")) << "bits are written in bits_layer";
    const AdaRoundConfig r = configFromJson(text);
    EXPECT_EQ(r.layerOverrides, c.layerOverrides);
    EXPECT_EQ(r.bits.overrides, c.bits.overrides);
    EXPECT_EQ(layerConfig(r, "conv2").seed, UINT64_MAX);

    // "bits" inside "layers" joins bits_layer; a config of before has no "layers".
    const AdaRoundConfig s = configFromJson(R"({"layers": {"conv1": {"bits": 3, "warmup": 0.5}},
                                               "bits_layer": {"fc": "fp32"}})");
    EXPECT_EQ(s.bits.overrides.size(), 2u);
    EXPECT_EQ(layerConfig(s, "conv1").bits.defaultBits, 3);
    EXPECT_DOUBLE_EQ(layerConfig(s, "conv1").warmup, 0.5);
    const AdaRoundConfig old = configFromJson(R"({"bits_layer": {"conv1": 5}, "iterations": 7})");
    EXPECT_TRUE(old.layerOverrides.empty());
    EXPECT_EQ(layerConfig(old, "conv1").bits.defaultBits, 5);
}

TEST(LayerOverrides, BadOverridesNameTheLayerAndTheKnob)
{
    AdaRoundConfig c;
    EXPECT_ERROR_CONTAINS(setLayerOverride(c, "conv1", "lamda", std::string("0.1")), "layer conv1",
                          "unknown knob 'lamda'", "lambda");
    EXPECT_ERROR_CONTAINS(setLayerOverride(c, "conv1", "threads", std::string("2")), "layer conv1",
                          "threads cannot be set per layer");
    EXPECT_ERROR_CONTAINS(setLayerOverride(c, "conv1", "lambda", std::string("-1")), "layer conv1",
                          "lambda must be between 0");
    EXPECT_ERROR_CONTAINS(setLayerOverride(c, "conv1", "iterations", std::string("many")), "layer conv1",
                          "iterations: 'many' is not a whole number");
    EXPECT_ERROR_CONTAINS(configFromJson(R"({"layers": {"conv1": {"calib_size": 5}}})"), "layer conv1",
                          "calib_size cannot be set per layer");
    EXPECT_ERROR_CONTAINS(configFromJson(R"({"layers": {"conv1": {"lambda": "big"}}})"), "layer conv1",
                          "lambda must be a number");
    EXPECT_ERROR_CONTAINS(configFromJson(R"({"layers": {"conv1": {"lr": 0.1}}})"), "layers.conv1",
                          "unknown knob 'lr'");
    EXPECT_ERROR_CONTAINS(configFromJson(R"({"layers": {"conv1": 3}})"), "layers.conv1", "an object");

    // Consistency of a layer's effective settings.
    setLayerOverride(c, "conv1", "beta_end", KnobValue(50.0));
    EXPECT_ERROR_CONTAINS(c.validate(), "invalid setting for layer conv1", "beta end (50)");
    AdaRoundConfig d;
    d.calibSize = 64;
    setLayerOverride(d, "fc", "batch", std::string("128"));
    EXPECT_ERROR_CONTAINS(d.validate(), "layer fc", "smaller than the batch size 128");
}

TEST(LayerOverrides, UnknownLayersAreRefusedWithTheModelsNames)
{
    AdaRoundConfig c;
    setLayerOverride(c, "features.1.conv", "lambda", KnobValue(0.5));
    checkOverriddenLayersExist(c, twoLayers());
    setLayerOverride(c, "conv9", "lambda", KnobValue(0.5));
    EXPECT_ERROR_CONTAINS(checkOverriddenLayersExist(c, twoLayers()), "'conv9'", "layers: conv1, features.1.conv");
}

TEST(LayerOverrides, OptimisationKnobsArePerLayer)
{
    for (const char* key : {"bits", "iterations", "batch_size", "learning_rate", "lambda", "beta_start", "beta_end",
                            "warmup", "schedule", "objective", "seed"})
        EXPECT_TRUE(findKnob(key)->perLayer) << key;
    for (const char* key : {"calib_size", "threads", "first_last_bits", "per_channel", "model"})
        EXPECT_FALSE(findKnob(key)->perLayer) << key;
}

TEST(LayerOverrides, KnobDifferencesOfOneLayerAreWhatApplyWouldSet)
{
    const std::vector<LayerInfo> layers = twoLayers();
    AdaRoundConfig base;
    base.bits.defaultBits = 4;
    AdaRoundConfig other = base;
    EXPECT_TRUE(layerKnobDifferences(base, other, layers, "conv1").empty());
    other.lambda = 0.1;                                              // the run's knob: every layer differs
    setLayerOverride(other, "conv1", "schedule", std::string("cosine")); // this layer only
    setLayerOverride(other, "conv1", "bits", std::string("2"));
    setLayerOverride(other, "features.1.conv", "iters", std::string("50"));
    const KnobOverrides d = layerKnobDifferences(base, other, layers, "conv1");
    EXPECT_EQ(d, (KnobOverrides{{"bits", int64_t(2)}, {"lambda", 0.1}, {"schedule", std::string("cosine")}}));
    EXPECT_EQ(describeKnobValues(d), "bits=2, lambda=0.1, schedule=cosine");
    // The first/last rule counts: an 8-bit end layer stays 8 whatever the default.
    base.bits.firstLastBits = 8;
    other = base;
    other.bits.defaultBits = 3;
    EXPECT_TRUE(layerKnobDifferences(base, other, layers, "conv1").empty());
    // Applied as overrides, the differences make the layer's settings the other's.
    AdaRoundConfig applied = base;
    for (const auto& [key, value] : layerKnobDifferences(base, other, layers, "features.1.conv"))
        setLayerOverride(applied, "features.1.conv", key, value);
    EXPECT_TRUE(layerKnobDifferences(applied, other, layers, "features.1.conv").empty());
}
