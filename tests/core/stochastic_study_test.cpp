// The stochastic-rounding study on the demo CNN and the real Fashion-MNIST
// folders (small eval set): its statistics are those of its samples, the
// samples are seeded (the same seed draws the same roundings, another seed
// others), really random (not all alike, not nearest), AdaRound on the layer
// is no worse than nearest on its own objective, the study log reads back as
// the study went, and errors and cancels are reported as the run reports them.
#include "adaround/model.h"
#include "adaround/overloaded.h"
#include "adaround/stochastic_study.h"
#include "adaround/study_log.h"
#include "test_support.h"

#include <algorithm>
#include <cmath>

using namespace adaround;
using namespace testsupport;

namespace {

StudyRequest smallStudy(uint64_t seed)
{
    StudyRequest r;
    r.config.modelPath = demoModel("fmnist_cnn");
    r.config.calibDir = calibDir();
    r.config.evalDir = smallEvalDir();
    r.config.calibSize = 128;
    r.config.evalSubset = 150;
    r.config.seed = seed;
    r.config.threads = 2;
    r.config.iterations = 100;
    r.layer = Model::load(r.config.modelPath)->layers().front().name;
    r.bits = 3;
    r.samples = 5;
    return r;
}

struct Quiet : StudyObserver {
    void onEvent(const StudyEvent&) override {}
};

StudyRecord runStudy(const StudyRequest& r, StudyObserver& observer)
{
    RunControl control;
    return runStochasticStudy(r, observer, control);
}

StudyRecord runStudy(const StudyRequest& r)
{
    Quiet quiet;
    return runStudy(r, quiet);
}

} // namespace

TEST(StochasticStudy, StatisticsAreThoseOfItsSeededRandomSamples)
{
    StudyRequest request = smallStudy(7);
    request.withAdaRound = true;
    TempDir dir("stochastic-study");
    StudyRecord a;
    {
        StudyLogWriter log(dir / "study.h5");
        a = runStudy(request, log);
        EXPECT_EQ(log.writeError(), "");
    }
    ASSERT_EQ(a.end, RunEnd::Completed) << a.error;
    ASSERT_TRUE(a.baseline && a.finished && a.adaround);
    ASSERT_EQ(a.samples.size(), 5u);
    EXPECT_EQ(a.started.evalImages, 150);
    EXPECT_EQ(a.started.calibImages, 128);

    // The statistics, recomputed from the samples here.
    const double rtn = a.baseline->rtn.top1;
    int above = 0;
    double best = -1, worst = 101, mean = 0;
    std::vector<double> top1, mse;
    for (const StudySample& s : a.samples) {
        above += s.point.top1 > rtn;
        best = std::max(best, s.point.top1);
        worst = std::min(worst, s.point.top1);
        mean += s.point.top1 / 5;
        top1.push_back(s.point.top1);
        mse.push_back(s.point.recMse);
        EXPECT_EQ(s.seed, 7u + uint64_t(s.index));
    }
    const StudyStatistics& st = a.finished->statistics;
    EXPECT_EQ(st.samples, 5);
    EXPECT_DOUBLE_EQ(st.betterThanRtn, above / 5.0);
    EXPECT_DOUBLE_EQ(st.bestTop1, best);
    EXPECT_DOUBLE_EQ(st.worstTop1, worst);
    EXPECT_NEAR(st.meanTop1, mean, 1e-9);
    double mt = 0, mm = 0, sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < 5; ++i)
        mt += top1[i] / 5, mm += mse[i] / 5;
    for (size_t i = 0; i < 5; ++i) {
        sxy += (top1[i] - mt) * (mse[i] - mm);
        sxx += (top1[i] - mt) * (top1[i] - mt);
        syy += (mse[i] - mm) * (mse[i] - mm);
    }
    if (sxx > 0 && syy > 0)
        EXPECT_NEAR(st.correlation, sxy / std::sqrt(sxx * syy), 1e-9);
    else
        EXPECT_TRUE(std::isnan(st.correlation));

    // Random: the samples differ from each other and from nearest, each
    // flipping a real share of the weights (about the mean distance to nearest).
    for (size_t i = 0; i < 5; ++i) {
        EXPECT_GT(a.samples[i].point.flippedShare, 0.05);
        EXPECT_LT(a.samples[i].point.flippedShare, 0.6);
        EXPECT_NE(a.samples[i].point.recMse, a.baseline->rtn.recMse);
        for (size_t j = 0; j < i; ++j)
            EXPECT_NE(a.samples[i].point.recMse, a.samples[j].point.recMse);
    }
    EXPECT_EQ(a.baseline->rtn.flippedShare, 0.0);
    // Nearest minimises each weight's error, so a random rounding's output
    // error is larger on average (though one may well beat it: the point of the study).
    EXPECT_GT(st.meanRecMse, a.baseline->rtn.recMse);
    EXPECT_DOUBLE_EQ(st.bestRecMse, *std::min_element(mse.begin(), mse.end()));
    // AdaRound on the layer (or nearest, kept when better) never loses to nearest on its own objective.
    EXPECT_LE(a.adaround->point.recMse, a.baseline->rtn.recMse);
    EXPECT_GE(a.adaround->point.top1, 0.0);
    EXPECT_LE(a.baseline->fp32Top1, 100.0);

    // Seeded: the same seed draws the same roundings; another seed others.
    request.withAdaRound = false;
    const StudyRecord again = runStudy(request);
    ASSERT_EQ(again.samples.size(), 5u);
    for (size_t i = 0; i < 5; ++i) {
        EXPECT_EQ(again.samples[i].point.top1, a.samples[i].point.top1);
        EXPECT_EQ(again.samples[i].point.recMse, a.samples[i].point.recMse);
    }
    request.samples = 2;
    request.config.seed = 1000;
    const StudyRecord other = runStudy(request);
    ASSERT_EQ(other.end, RunEnd::Completed) << other.error;
    EXPECT_NE(other.samples[0].point.recMse, a.samples[0].point.recMse);

    // The log holds what the study sent.
    const StudyLog stored = readStudyLog(dir / "study.h5");
    EXPECT_EQ(stored.info.status, "completed");
    EXPECT_EQ(stored.info.integrity, "verified");
    ASSERT_EQ(stored.record.samples.size(), 5u);
    for (size_t i = 0; i < 5; ++i) {
        EXPECT_EQ(stored.record.samples[i].point.top1, a.samples[i].point.top1);
        EXPECT_EQ(stored.record.samples[i].point.recMse, a.samples[i].point.recMse);
        EXPECT_EQ(stored.record.samples[i].seed, a.samples[i].seed);
    }
    ASSERT_TRUE(stored.record.baseline && stored.record.adaround && stored.record.finished);
    EXPECT_EQ(stored.record.baseline->rtn.top1, rtn);
    EXPECT_EQ(stored.record.adaround->point.top1, a.adaround->point.top1);
    EXPECT_EQ(stored.record.started.settings.layer, request.layer);
    EXPECT_EQ(stored.record.started.settings.bits, 3);
    EXPECT_DOUBLE_EQ(stored.record.finished->statistics.betterThanRtn, st.betterThanRtn);
    // A study log is not a run log, and the run-log reader says so.
    EXPECT_ERROR_CONTAINS(readRunLog(dir / "study.h5"), "study log, not a run log");
    // Never overwritten.
    EXPECT_ERROR_CONTAINS(StudyLogWriter(dir / "study.h5"), "never overwritten");
}

TEST(StochasticStudy, UnknownLayerAndBadBitsAreActionableErrors)
{
    StudyRequest r = smallStudy(0);
    r.layer = "conv9";
    StudyRecord rec = runStudy(r);
    ASSERT_EQ(rec.end, RunEnd::Failed);
    EXPECT_NE(rec.error.find("no layer named 'conv9'"), std::string::npos) << rec.error;
    const std::string first = Model::load(r.config.modelPath)->layers().front().name;
    EXPECT_NE(rec.error.find(first), std::string::npos) << rec.error; // the valid names are listed

    r = smallStudy(0);
    r.bits = 9;
    rec = runStudy(r);
    ASSERT_EQ(rec.end, RunEnd::Failed);
    EXPECT_NE(rec.error.find("between 2 and 8"), std::string::npos) << rec.error;
}

TEST(StochasticStudy, CancelStopsBetweenSamplesAndKeepsThoseMeasured)
{
    struct CancelAfterTwo : StudyObserver {
        RunControl* control = nullptr;
        int samples = 0, cancelled = -1;
        void onEvent(const StudyEvent& e) override
        {
            std::visit(overloaded{[&](const StudySample&) {
                                      if (++samples == 2)
                                          control->cancel();
                                  },
                                  [&](const StudyCancelled& c) { cancelled = c.samplesDone; },
                                  [](const auto&) {}},
                       e);
        }
    } observer;
    RunControl control;
    observer.control = &control;
    StudyRequest r = smallStudy(3);
    const StudyRecord rec = runStochasticStudy(r, observer, control);
    EXPECT_EQ(rec.end, RunEnd::Cancelled);
    EXPECT_EQ(rec.samples.size(), 2u);
    EXPECT_EQ(observer.cancelled, 2);
    EXPECT_FALSE(rec.finished.has_value());
}
