// The sweep library without the engine: points of a spec, the run-log lock
// that tells a live point from a killed one, and the report's aggregates.
#include "adaround/error.h"
#include "adaround/run_log.h"
#include "adaround/run_log_liveness.h"
#include "adaround/sweep_folder.h"
#include "adaround/sweep_report.h"
#include "adaround/sweep_spec.h"

#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>

namespace fs = std::filesystem;
using namespace adaround;

namespace {

struct TempDir {
    fs::path path;
    TempDir()
    {
        char pattern[] = "/tmp/sweep-test-XXXXXX";
        path = ::mkdtemp(pattern);
    }
    ~TempDir() { fs::remove_all(path); }
};

SweepSpec baseSpec()
{
    SweepSpec s;
    s.base.modelPath = "model.pt";
    s.base.calibDir = "calib";
    s.base.evalDir = "/data/eval";
    s.base.seed = 7;
    return s;
}

} // namespace

TEST(SweepSpec, GridTimesSeedsWithTheSameSeedsEverywhere)
{
    SweepSpec s = baseSpec();
    s.grid.push_back(parseSweepAxis("iters=10,20"));
    s.grid.push_back(parseSweepAxis("beta=20:2,10:4"));
    s.grid.push_back(parseSweepAxis("fc1.bits=2,fp32"));
    s.seeds = 3;
    const std::vector<SweepPoint> points = expandSweep(s);
    ASSERT_EQ(points.size(), 24u);
    EXPECT_EQ(s.grid[0].key, "iterations"); // canonical key for the CLI name
    for (const SweepPoint& p : points) {
        EXPECT_EQ(p.config.seed, 7u + uint64_t(p.seedIndex));
        EXPECT_EQ(p.group, p.index / 3);
        EXPECT_TRUE(fs::path(p.config.modelPath).is_absolute());
        EXPECT_EQ(p.config.evalDir, "/data/eval");
    }
    const SweepPoint& last = points.back();
    EXPECT_EQ(last.config.iterations, 20);
    EXPECT_EQ(last.config.betaStart, 10.0);
    EXPECT_EQ(last.config.betaEnd, 4.0);
    ASSERT_EQ(last.config.bits.overrides.size(), 1u);
    EXPECT_EQ(last.config.bits.overrides[0], (std::pair<std::string, int>{"fc1", 0}));
}

TEST(SweepSpec, PerLayerKnobsBecomeTheLayersOverrides)
{
    SweepSpec s = baseSpec();
    s.grid.push_back(parseSweepAxis("conv2.lambda=0.01,0.1"));
    s.grid.push_back(parseSweepAxis("conv2.beta-start=10"));
    const std::vector<SweepPoint> points = expandSweep(s);
    ASSERT_EQ(points.size(), 2u);
    EXPECT_EQ(points[0].config.layerOverrides.at("conv2").at("lambda"), KnobValue(0.01));
    EXPECT_EQ(points[1].config.layerOverrides.at("conv2").at("lambda"), KnobValue(0.1));
    EXPECT_EQ(points[1].config.layerOverrides.at("conv2").at("beta_start"), KnobValue(10.0));
    EXPECT_EQ(points[1].config.lambda, s.base.lambda); // the run's own knob is untouched
}

TEST(SweepSpec, BadKeysAndValuesAreRefusedByName)
{
    EXPECT_THROW(parseSweepAxis("lamda=1"), Error);
    EXPECT_THROW(parseSweepAxis("lambda"), Error);
    EXPECT_THROW(parseSweepAxis("beta=20"), Error);
    EXPECT_THROW(parseSweepAxis("conv1.bits=1"), Error);
    EXPECT_THROW(parseSweepAxis("conv1.lambda=-1"), Error);
    EXPECT_THROW(parseSweepAxis("conv1.threads=2"), Error); // not a per-layer knob
    EXPECT_THROW(parseSweepRange("schedule=0:1"), Error);
    EXPECT_THROW(parseSweepRange("lambda=0:1:log"), Error);
    EXPECT_THROW(parseSweepRange("lambda=1:0.1"), Error); // LO > HI
    EXPECT_THROW(parseSweepRange("iters=0:10"), Error); // iterations start at 1
}

TEST(SweepSpec, RandomSamplesAreReproducibleAndInRange)
{
    SweepSpec s = baseSpec();
    s.random = 50;
    s.ranges.push_back(parseSweepRange("lambda=1e-4:1:log"));
    s.ranges.push_back(parseSweepRange("batch=8:64"));
    const auto a = expandSweep(s), b = expandSweep(s);
    ASSERT_EQ(a.size(), 50u);
    int belowHundredth = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].settings, b[i].settings);
        EXPECT_GE(a[i].config.lambda, 1e-4);
        EXPECT_LE(a[i].config.lambda, 1.0);
        EXPECT_GE(a[i].config.batchSize, 8);
        EXPECT_LE(a[i].config.batchSize, 64);
        belowHundredth += a[i].config.lambda < 1e-2;
    }
    EXPECT_GT(belowHundredth, 10); // log-uniform: half the decades below 0.01
}

TEST(RunLogLiveness, TheWritersLockTellsLiveFromKilled)
{
    TempDir dir;
    const std::string log = (dir.path / "run.h5").string();
    EXPECT_FALSE(runLooksAlive(log)); // no lock file: an old log, or a finished run
    {
        RunLogWriter writer(log);
        EXPECT_TRUE(runLooksAlive(log));
        EXPECT_EQ(liveRunStatus(log, "running"), "running");
        EXPECT_THROW(RunLogLock second(log), Error); // one writer per log
    }
    EXPECT_FALSE(fs::exists(runLogLockPath(log)));
    EXPECT_FALSE(runLooksAlive(log));

    // A writer killed with SIGKILL: the lock file stays, nobody holds it.
    const std::string killed = (dir.path / "killed.h5").string();
    int ready[2];
    ASSERT_EQ(::pipe(ready), 0);
    const pid_t child = ::fork();
    if (child == 0) {
        RunLogLock lock(killed);
        (void)!::write(ready[1], "x", 1);
        ::pause();
        ::_exit(0);
    }
    char c = 0;
    ASSERT_EQ(::read(ready[0], &c, 1), 1);
    EXPECT_TRUE(runLooksAlive(killed));
    ::kill(child, SIGKILL);
    ::waitpid(child, nullptr, 0);
    EXPECT_TRUE(fs::exists(runLogLockPath(killed)));
    EXPECT_FALSE(runLooksAlive(killed));
    EXPECT_EQ(liveRunStatus(killed, "running"), "killed");
    EXPECT_EQ(liveRunStatus(killed, "completed"), "completed");
}

TEST(SweepFolder, TheSameSweepResumesAnotherIsRefused)
{
    TempDir dir;
    SweepSpec s = baseSpec();
    s.grid.push_back(parseSweepAxis("lambda=0.01,0.1"));
    const auto points = expandSweep(s);
    const SweepManifest m = prepareSweepFolder(dir.path.string(), s, points);
    EXPECT_EQ(m.points.size(), 2u);
    EXPECT_TRUE(fs::exists(sweepPointConfigPath(m.dir, 1)));
    EXPECT_NO_THROW(prepareSweepFolder(dir.path.string(), s, points));
    s.seeds = 2;
    EXPECT_THROW(prepareSweepFolder(dir.path.string(), s, expandSweep(s)), Error);
    EXPECT_EQ(sweepPointLogPath(m.dir, 3, 1), m.dir + "/logs/003.h5");
    EXPECT_EQ(sweepPointLogPath(m.dir, 3, 2), m.dir + "/logs/003.attempt2.h5");
    EXPECT_EQ(readSweepPointState(m.dir, 0).state, "pending");
}

TEST(SweepReport, MeanAndSampleStdOverSeedsAndTheBestGroup)
{
    TempDir dir;
    SweepSpec s = baseSpec();
    s.grid.push_back(parseSweepAxis("lambda=0.01,0.1"));
    s.seeds = 3;
    const SweepManifest m = prepareSweepFolder(dir.path.string(), s, expandSweep(s));
    const double top1[] = {80, 82, 84, 90, 91, 0};
    std::vector<SweepPointState> states;
    for (int i = 0; i < 6; ++i) {
        SweepPointState st;
        st.index = i;
        st.attempts = 1;
        st.state = i == 5 ? "failed" : "completed";
        st.summary.emplace();
        if (i != 5) {
            RunFinished f;
            f.adaround.top1 = top1[i];
            f.rtn.top1 = 70;
            f.fp32.top1 = 92;
            st.summary->finished = f;
        }
        states.push_back(st);
    }
    const Json r = sweepReport(m, states);
    EXPECT_EQ(r["counts"]["completed"], 5);
    EXPECT_DOUBLE_EQ(r["groups"][0]["top1"]["mean"].get<double>(), 82);
    EXPECT_DOUBLE_EQ(r["groups"][0]["top1"]["std"].get<double>(), 2); // sample std of 80, 82, 84
    EXPECT_EQ(r["groups"][1]["completed"], 2);
    EXPECT_DOUBLE_EQ(r["groups"][1]["top1"]["mean"].get<double>(), 90.5);
    EXPECT_EQ(r["best"]["group"], 1);
    EXPECT_EQ(r["best"]["point"], 3);
    EXPECT_TRUE(r["points"][5]["top1"].is_null());
    const std::string csv = sweepReportCsv(r);
    EXPECT_EQ(csv.substr(0, csv.find('\r')),
              "index,lambda,seed,status,attempts,fp32_top1,fp32_top5,rtn_top1,rtn_top5,top1,top5,settled_share,seconds,log");
}
