// The run configuration round-trips through JSON; bad files give clear errors.
#include "adaround/config_json.h"
#include "adaround/error.h"
#include "adaround/json_value.h"
#include "test_support.h"

using namespace adaround;
using namespace testsupport;

TEST(ConfigJson, RoundTripsEveryKnob)
{
    AdaRoundConfig c;
    c.modelPath = "m.pt";
    c.calibDir = "calib dir/with \"quotes\"";
    c.evalDir = "eval";
    c.preprocessName = "imagenet";
    c.preprocessOverrides.resize = 160;
    c.preprocessOverrides.mean = {0.5f, 0.25f, 0.125f};
    c.calibSize = 512;
    c.evalSubset = 0;
    c.bits = {3, 0, {{"conv1", 5}, {"fc", 0}}};
    c.rtnOnlyLayers = {"features.1.conv.1.0"};
    c.quant.perChannel = false;
    c.quant.symmetric = true;
    c.iterations = 123;
    c.batchSize = 16;
    c.learningRate = 3e-3;
    c.lambda = 0.05;
    c.betaStart = 16;
    c.betaEnd = 4;
    c.warmup = 0.1;
    c.schedule = BetaSchedule::Cosine;
    c.objective = Objective::Exact;
    c.seed = 42;
    c.threads = 1;
    c.memoryBudget = size_t(256) << 20;
    const AdaRoundConfig r = configFromJson(configToJson(c));
    EXPECT_EQ(r.modelPath, c.modelPath);
    EXPECT_EQ(r.calibDir, c.calibDir);
    EXPECT_EQ(r.preprocessName, "imagenet");
    EXPECT_EQ(r.preprocessOverrides.resize, 160);
    EXPECT_EQ(r.preprocessOverrides.crop, -1);
    EXPECT_EQ(r.preprocessOverrides.mean, c.preprocessOverrides.mean);
    EXPECT_EQ(r.calibSize, 512);
    EXPECT_EQ(r.evalSubset, 0);
    EXPECT_EQ(r.bits.defaultBits, 3);
    EXPECT_EQ(r.bits.firstLastBits, 0);
    EXPECT_EQ(r.bits.overrides, c.bits.overrides);
    EXPECT_EQ(r.rtnOnlyLayers, c.rtnOnlyLayers);
    EXPECT_FALSE(r.quant.perChannel);
    EXPECT_TRUE(r.quant.symmetric);
    EXPECT_EQ(r.iterations, 123);
    EXPECT_EQ(r.batchSize, 16);
    EXPECT_DOUBLE_EQ(r.learningRate, 3e-3);
    EXPECT_DOUBLE_EQ(r.lambda, 0.05);
    EXPECT_DOUBLE_EQ(r.betaStart, 16);
    EXPECT_DOUBLE_EQ(r.betaEnd, 4);
    EXPECT_DOUBLE_EQ(r.warmup, 0.1);
    EXPECT_EQ(r.schedule, BetaSchedule::Cosine);
    EXPECT_EQ(r.objective, Objective::Exact);
    EXPECT_EQ(r.seed, 42u);
    EXPECT_EQ(r.memoryBudget, c.memoryBudget);
}

TEST(ConfigJson, PartialDocumentKeepsTheBase)
{
    AdaRoundConfig base;
    base.iterations = 777;
    const AdaRoundConfig r = configFromJson(R"({"lambda": 0.02})", base);
    EXPECT_EQ(r.iterations, 777);
    EXPECT_DOUBLE_EQ(r.lambda, 0.02);
}

TEST(ConfigJson, ErrorsNameTheProblem)
{
    EXPECT_ERROR_CONTAINS(configFromJson(R"({"lamda": 0.02})"), "unknown setting 'lamda'");
    EXPECT_ERROR_CONTAINS(configFromJson(R"({"iterations": "many"})"), "iterations must be a number");
    EXPECT_ERROR_CONTAINS(configFromJson(R"({"iterations": 1.5})"), "whole number");
    EXPECT_ERROR_CONTAINS(configFromJson("{\n  \"bits\": 4,\n  \"seed\" 1\n}"), "line 3", "expected ':'");
    EXPECT_ERROR_CONTAINS(configFromJson(R"({"schedule": "exp"})"), "unknown schedule 'exp'");
    EXPECT_ERROR_CONTAINS(loadConfigFile("/nonexistent/run.json"), "/nonexistent/run.json", "cannot open");
}

TEST(JsonValue, ParsesNestedValuesAndEscapes)
{
    const JsonValue v = JsonValue::parse(R"( {"a": [1, -2.5e1, true, null], "s": "x\"y\u00e9"} )");
    const auto& a = v.asObject("doc").at("a").asArray("a");
    ASSERT_EQ(a.size(), 4u);
    EXPECT_EQ(a[1].asNumber("n"), -25);
    EXPECT_TRUE(a[2].asBool("b"));
    EXPECT_TRUE(a[3].isNull());
    EXPECT_EQ(v.asObject("doc").at("s").asString("s"), "x\"y\xc3\xa9");
    EXPECT_ERROR_CONTAINS(JsonValue::parse("[1, 2"), "expected ',' or ']'");
    EXPECT_ERROR_CONTAINS(JsonValue::parse("{} x"), "unexpected text");
}
