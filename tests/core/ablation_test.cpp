// The design-choice ablation's variants, statistics and JSON: a real two-seed
// ablation on the demo CNN (the default variant at its first seed is a plain
// run of the configuration; rtn is every run's RTN figure; the rows' means and
// standard deviations are those of their seeds), and the JSON round trip and
// its errors.
#include "adaround/ablation.h"
#include "adaround/adaround_run.h"
#include "adaround/error.h"
#include "test_support.h"

#include <cmath>

using namespace adaround;
using namespace testsupport;

namespace {

AdaRoundConfig tinyConfig()
{
    AdaRoundConfig c;
    c.modelPath = demoModel("fmnist_cnn");
    c.calibDir = calibDir();
    c.evalDir = smallEvalDir();
    c.calibSize = 64;
    c.evalSubset = 0;
    c.iterations = 40;
    c.bits.defaultBits = 3;
    c.seed = 21;
    c.threads = 2;
    return c;
}

} // namespace

TEST(Ablation, RowsAreTheirSeedsRunsAndTheDefaultIsAPlainRun)
{
    const AdaRoundConfig c = tinyConfig();
    RunControl control;
    std::vector<AblationProgress> seen;
    const AblationResult r = runAblation(c, chooseAblationVariants("default,ste,rtn"), 2,
                                         [&](const AblationProgress& p) { seen.push_back(p); }, control);
    ASSERT_TRUE(r.error.empty()) << r.error;
    ASSERT_EQ(r.seeds, (std::vector<uint64_t>{21, 22}));
    ASSERT_EQ(r.rows.size(), 3u);
    EXPECT_EQ(seen.size(), 5u); // four runs, then done
    EXPECT_EQ(seen.back().done, 4);

    struct Quiet : RunObserver {
        void onEvent(const RunEvent&) override {}
    } quiet;
    const RunResult plain = AdaRoundRun(c).run(quiet, control);
    ASSERT_EQ(plain.end, RunEnd::Completed) << plain.error;
    EXPECT_DOUBLE_EQ(r.rows[0].top1[0], plain.final.adaround.top1);
    EXPECT_EQ(r.rows[2].top1, (std::vector<double>{plain.final.rtn.top1, plain.final.rtn.top1}));
    EXPECT_TRUE(r.rows[2].recMse.empty());
    for (const AblationRow& row : r.rows) {
        ASSERT_EQ(row.top1.size(), 2u);
        EXPECT_DOUBLE_EQ(row.mean(), (row.top1[0] + row.top1[1]) / 2);
        EXPECT_NEAR(row.std(), std::abs(row.top1[0] - row.top1[1]) / std::sqrt(2.0), 1e-12);
    }
    EXPECT_EQ(r.rows[1].recMse.size(), 2u);

    // The JSON round trip keeps what the table and the chart show.
    const AblationResult back = ablationFromJson(ablationToJson(r));
    ASSERT_EQ(back.rows.size(), r.rows.size());
    EXPECT_EQ(back.seeds, r.seeds);
    for (size_t i = 0; i < r.rows.size(); ++i) {
        EXPECT_EQ(back.rows[i].variant.name, r.rows[i].variant.name);
        EXPECT_EQ(back.rows[i].top1, r.rows[i].top1);
        EXPECT_DOUBLE_EQ(back.rows[i].meanRecMse(), r.rows[i].meanRecMse());
    }
}

TEST(Ablation, BadVariantsAndResultsAreRefusedByName)
{
    EXPECT_ERROR_CONTAINS(chooseAblationVariants("default,magic"), "unknown variant 'magic'", "sigmoid-temperature");
    EXPECT_EQ(chooseAblationVariants("").size(), ablationVariants().size());
    EXPECT_ERROR_CONTAINS(ablationFromJson("{\"seeds\": [1]}"), "not an ablation result");
    EXPECT_ERROR_CONTAINS(ablationFromJson("{\"seeds\": [1, 2], \"variants\": [{\"name\": \"ste\", \"top1\": [90.0], "
                                           "\"rec_mse\": 0.1}]}"),
                          "variant ste has 1 top-1 values for 2 seeds");
    EXPECT_ERROR_CONTAINS(ablationFromJson("[1, 2"), "");
    RunControl control;
    const AblationResult onlyRtn = runAblation(tinyConfig(), chooseAblationVariants("rtn"), 1, {}, control);
    EXPECT_NE(onlyRtn.error.find("besides rtn"), std::string::npos);
    control.cancel();
    const AblationResult cancelled = runAblation(tinyConfig(), chooseAblationVariants("default"), 2, {}, control);
    EXPECT_TRUE(cancelled.cancelled);
    EXPECT_TRUE(cancelled.seeds.empty());
}
