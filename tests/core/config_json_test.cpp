// The run configuration round-trips through JSON; bad files give clear errors.
#include "adaround/config_json.h"
#include "adaround/error.h"
#include "adaround/json.h"
#include "adaround/knobs.h"

#include <clocale>
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
    EXPECT_ERROR_CONTAINS(loadConfigFile("/tmp"), "is a directory");
    EXPECT_ERROR_CONTAINS(configFromJson(R"({"iterations": 1.5})"), "whole number");
    EXPECT_ERROR_CONTAINS(configFromJson("{\n  \"bits\": 4,\n  \"seed\" 1\n}"), "line 3", "expected ':'");
        EXPECT_ERROR_CONTAINS(loadConfigFile("/nonexistent/run.json"), "/nonexistent/run.json", "cannot open");
}

TEST(ConfigJson, ValuesRoundTripExactly)
{
    AdaRoundConfig c;
    c.lambda = 3e-6;
    c.learningRate = 5e-7;
    c.seed = UINT64_MAX;
    c.warmup = 0.1 + 0.2; // not a short decimal: the shortest round-trip text keeps it
    const std::string text = configToJson(c);
    EXPECT_NE(text.find("\"lambda\":3e-06"), std::string::npos) << text;
    EXPECT_NE(text.find("\"seed\":18446744073709551615"), std::string::npos) << text;
    const AdaRoundConfig r = configFromJson(text);
    EXPECT_EQ(r.lambda, 3e-6);
    EXPECT_EQ(r.learningRate, 5e-7);
    EXPECT_EQ(r.seed, UINT64_MAX);
    EXPECT_EQ(r.warmup, 0.1 + 0.2);
    EXPECT_EQ(configFromJson(R"({"seed": 9007199254740993})").seed, 9007199254740993u); // 2^53 + 1
}

TEST(ConfigJson, KeysFollowTheKnobTable)
{
    const std::string text = configToJson({});
    size_t last = 0;
    for (const Knob& k : knobTable()) {
        const size_t at = text.find("\"" + k.key + "\":");
        ASSERT_NE(at, std::string::npos) << k.key;
        EXPECT_GT(at, last) << k.key << " out of table order";
        last = at;
    }
}

TEST(ConfigJson, ValidatedLikeTheCommandLine)
{
    EXPECT_ERROR_CONTAINS(configFromJson(R"({"seed": -1})"), "seed must be a whole number from 0");
    EXPECT_ERROR_CONTAINS(configFromJson(R"({"seed": 18446744073709551616})"), "seed must be");
    EXPECT_ERROR_CONTAINS(configFromJson(R"({"memory_budget_mib": 0})"), "memory_budget_mib must be between 1");
    EXPECT_ERROR_CONTAINS(configFromJson(R"({"threads": 100000})"), "threads must be 0 (all cores) or between 1");
    EXPECT_ERROR_CONTAINS(configFromJson(R"({"histogram_bins": 100000000})"), "histogram_bins must be between 2");
    EXPECT_ERROR_CONTAINS(configFromJson(R"({"bits": 9})"), "bits must be between 2 and 8, got 9");
    EXPECT_ERROR_CONTAINS(configFromJson(R"({"schedule": "exp"})"), "schedule must be linear or cosine");
    EXPECT_ERROR_CONTAINS(configFromJson(R"({"per_channel": 1})"), "per_channel must be true or false");
}

TEST(ConfigJson, StrictSyntax)
{
    for (const char* bad : {R"({"lambda": nan})", R"({"iterations": 0x10})", R"({"iterations": 01})",
                            R"({"iterations": +1})", R"({"lambda": 0.01,})", "{\"lambda\": 0.01} // note"})
        EXPECT_ERROR_CONTAINS(configFromJson(bad), "JSON syntax error");
    EXPECT_ERROR_CONTAINS(configFromJson("[]"), "must be a JSON object");
}

TEST(ConfigJson, DeepNestingIsAnErrorNotACrash)
{
    const std::string deep = "{\"rtn_layers\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
    EXPECT_ERROR_CONTAINS(configFromJson(deep), "nested deeper than 64 levels");
    EXPECT_ERROR_CONTAINS(parseJson(std::string(50000, '{')), "JSON");
}

TEST(ConfigJson, EscapesAndByteOrderMark)
{
    const Json v = parseJson("\xEF\xBB\xBF" R"({"s": "x\"y\u00e9\ud83d\ude00"})");
    EXPECT_EQ(v["s"].get<std::string>(), "x\"y\xc3\xa9\xf0\x9f\x98\x80");
    EXPECT_ERROR_CONTAINS(parseJson(R"({"s": "\ud83d"})"), "JSON syntax error");
    // Invalid UTF-8 in a stored string still dumps as valid JSON.
    EXPECT_EQ(dumpJson(Json("a\xff")), "\"a\xEF\xBF\xBD\"");
}

// The workbench runs under the user's locale (QApplication calls setlocale):
// with a comma as the decimal separator, numbers must read and write the same.
TEST(ConfigJson, IndependentOfTheCLocale)
{
    ASSERT_NE(std::setlocale(LC_ALL, "de_DE.UTF-8"), nullptr)
        << "the de_DE.UTF-8 locale is missing; scripts/install-deps.sh generates it";
    AdaRoundConfig c;
    c.lambda = 0.015;
    c.warmup = 0.25;
    const std::string text = configToJson(c);
    const AdaRoundConfig r = configFromJson(text);
    const Knob& lr = *findKnob("lr");
    const KnobValue parsed = parseKnobValue(lr, "0.0005");
    std::setlocale(LC_ALL, "C");
    EXPECT_NE(text.find("\"lambda\":0.015"), std::string::npos) << text;
    EXPECT_EQ(r.lambda, 0.015);
    EXPECT_EQ(r.warmup, 0.25);
    EXPECT_EQ(std::get<double>(parsed), 0.0005);
}

TEST(Knobs, ParseAndFormatTheCommandLineText)
{
    const Knob& lr = *findKnob("learning-rate");
    EXPECT_EQ(lr.key, "learning_rate");
    EXPECT_EQ(formatKnobValue(parseKnobValue(lr, "5e-7")), "5e-07");
    EXPECT_ERROR_CONTAINS(parseKnobValue(lr, "1,5"), "learning_rate: '1,5' is not a number");
    EXPECT_ERROR_CONTAINS(parseKnobValue(lr, "inf"), "is not a number");
    EXPECT_ERROR_CONTAINS(parseKnobValue(*findKnob("iters"), "10k"), "iterations: '10k' is not a whole number");
    EXPECT_EQ(std::get<int64_t>(parseKnobValue(*findKnob("act-bits"), "off")), 0);
    EXPECT_EQ(std::get<uint64_t>(parseKnobValue(*findKnob("seed"), "18446744073709551615")), UINT64_MAX);
    EXPECT_ERROR_CONTAINS(parseKnobValue(*findKnob("seed"), "18446744073709551616"), "seed: ");
    EXPECT_EQ(findKnob("no-such-knob"), nullptr);
}

TEST(Knobs, EveryKnobIsComplete)
{
    for (const Knob& k : knobTable()) {
        EXPECT_FALSE(k.cliNames.empty()) << k.key;
        EXPECT_FALSE(k.label.empty()) << k.key;
        EXPECT_FALSE(k.help.empty()) << k.key;
        EXPECT_NO_THROW(checkKnobValue(k, k.defaultValue())) << k.key << " default out of its own range";
        if (k.type == KnobType::Choice) {
            EXPECT_FALSE(k.choices.empty()) << k.key;
        }
    }
}
