// RunProgress on synthetic runs with a fake clock: the overall bar ends at
// 100% whatever the plan (layers kept in float, RTN-only layers, all RTN) and
// counts the final evaluation, which shows as its own step; the ETA shows only
// once there is something to go on, stays close to the true time left, does
// not jump as a layer starts, and does not count a pause.
#include "run_progress.h"

#include "adaround/phase_stages.h"

#include <QtTest>
#include <cmath>
#include <random>

namespace {

using namespace adaround;

struct LayerPlan {
    int bits = 4;
    bool optimised = true;
    double rate = 200; // iterations per second of its loop
};

struct Sample {
    double t = 0, eta = -1, overall = 0;
    bool layerStart = false;
};

// Feeds a RunProgress the events of a run on a fake clock, as the engine sends
// them: capture before each layer, the loop's reports every 10 iterations at
// the layer's rate (with seeded jitter), metrics, then the final evaluation in
// batches. Records the ETA and the overall share after each event.
class SyntheticRun {
public:
    double t = 100; // the fake clock, seconds
    RunProgress progress{[this] { return t; }};
    std::vector<Sample> samples;
    double pauseAt = -1, pauseFor = 0; // pause once the clock passes pauseAt (seconds of run)
    double etaBeforePause = -1, etaAfterPause = -1;
    double firstLoopAt = -1; // the first layer's optimisation starts

    int iterations = 1000;
    int64_t evalImages = 10000;
    double decodeRate = 8000; // images per second, loading
    double evalRate = 2000;   // images per second, final evaluation
    double jitter = 0.15;   // relative spread of each span's duration

    void run(const std::vector<LayerPlan>& layers)
    {
        RunStarted s;
        s.config.iterations = iterations;
        s.config.batchSize = 32;
        s.config.evalSubset = 0;
        s.calibImages = 1024;
        s.evalImages = evalImages;
        for (size_t i = 0; i < layers.size(); ++i) {
            s.layers.emplace_back();
            s.layers.back().name = "layer" + std::to_string(i);
            s.bits.push_back(layers[i].bits);
            s.adaround.push_back(layers[i].optimised);
        }
        start_ = t;
        for (int64_t done = 256; done <= s.calibImages; done += 256) { // decoding, before the run starts
            advance(256 / decodeRate);
            feed(PhaseProgress{RunPhase::Loading, "calibration images", done, s.calibImages});
        }
        feed(s);
        capture(0.5); // the first layer's inputs: as much work as each later capture
        for (size_t i = 0; i < layers.size(); ++i) {
            const LayerPlan& l = layers[i];
            if (l.bits == 0)
                continue; // kept in float: the engine sends nothing
            const int layer = int(i);
            feed(LayerStarted{layer, s.layers[i].name, l.bits, l.optimised ? iterations : 0}, true);
            if (l.optimised) {
                if (firstLoopAt < 0)
                    firstLoopAt = t;
                feed(PhaseProgress{RunPhase::Optimising, s.layers[i].name, 0, iterations});
                advance(0.2); // targets
                for (int it = 10; it <= iterations; it += 10) {
                    advance(10 / l.rate);
                    feed(IterationStats{layer, it, 1, 0, 2, 1});
                }
                advance(0.3); // metrics
            } else {
                advance(0.1);
            }
            LayerFinished f;
            f.layer = layer;
            f.optimised = l.optimised;
            feed(f);
            capture(0.5);
        }
        evalStartOverall = progress.overallFraction();
        for (int64_t done = 500; done <= evalImages; done += 500) {
            advance(500 / evalRate);
            feed(PhaseProgress{RunPhase::Evaluating, kFinalEvaluationStage, done, evalImages});
            if (done == evalImages / 2) {
                evalHalfText = progress.phaseText();
                evalHalfBar = progress.phaseFraction();
                evalHalfOverall = progress.overallFraction();
                evalHalfFinal = progress.inFinalEvaluation();
            }
        }
        beforeFinished = progress.overallFraction();
        feed(RunFinished{});
        end_ = t;
    }

    double seconds() const { return end_ - start_; }
    double trueLeft(const Sample& s) const { return end_ - s.t - pausedInside(s.t); }
    double share(const Sample& s) const { return (s.t - start_) / seconds(); }

    QString evalHalfText;
    double evalHalfBar = 0, evalHalfOverall = 0, evalStartOverall = 0, beforeFinished = 0;
    bool evalHalfFinal = false;

private:
    void feed(const RunEvent& e, bool layerStart = false)
    {
        QVERIFY(progress.apply(e));
        samples.push_back({t, progress.etaSeconds(), progress.overallFraction(), layerStart});
    }

    void advance(double seconds)
    {
        std::uniform_real_distribution<double> spread(1 - jitter, 1 + jitter);
        t += seconds * spread(random_);
        if (pauseAt >= 0 && t - start_ >= pauseAt && !paused_) {
            paused_ = true;
            etaBeforePause = progress.etaSeconds();
            progress.setPaused(true);
            pausedFrom_ = t;
            t += pauseFor;
            progress.setPaused(false);
            etaAfterPause = progress.etaSeconds();
        }
    }

    void capture(double seconds)
    {
        for (int i = 1; i <= 4; ++i) {
            advance(seconds / 4);
            feed(PhaseProgress{RunPhase::Capturing, "inputs", i, 4});
        }
    }

    double pausedInside(double at) const { return paused_ && at < pausedFrom_ ? pauseFor : 0.0; }

    std::mt19937 random_{12345};
    double start_ = 0, end_ = 0, pausedFrom_ = 0;
    bool paused_ = false;
};

// Uneven layers, one kept in float and one RTN only, as in a real plan.
std::vector<LayerPlan> mixedPlan()
{
    return {{8, true, 300}, {4, true, 150}, {0, true, 0}, {4, false, 0}, {4, true, 200}, {8, true, 250}};
}

} // namespace

Q_DECLARE_METATYPE(std::vector<LayerPlan>)

class RunProgressTest : public QObject {
    Q_OBJECT
private slots:
    void theBarEndsAtAHundredPercentWhateverThePlan_data()
    {
        QTest::addColumn<std::vector<LayerPlan>>("plan");
        QTest::newRow("a layer kept in float") << std::vector<LayerPlan>{{8, true, 200}, {4, true, 200}, {0, true, 0}};
        QTest::newRow("float, RTN-only and optimised") << mixedPlan();
        QTest::newRow("all RTN") << std::vector<LayerPlan>{{4, false, 0}, {4, false, 0}, {8, false, 0}};
        QTest::newRow("all float but one") << std::vector<LayerPlan>{{0, true, 0}, {4, true, 200}, {0, false, 0}};
    }

    void theBarEndsAtAHundredPercentWhateverThePlan()
    {
        QFETCH(std::vector<LayerPlan>, plan);
        SyntheticRun run;
        run.iterations = 200;
        run.run(plan);
        double last = 0;
        for (const Sample& s : run.samples) {
            QVERIFY2(s.overall >= last, "the bar went backwards");
            last = s.overall;
        }
        QCOMPARE(run.samples.back().overall, 1.0);
        QCOMPARE(run.progress.etaSeconds(), 0.0);
        // The final evaluation has its share: the bar is short of the end until it is done.
        QVERIFY2(run.evalHalfOverall < 0.99, qPrintable(QString::number(run.evalHalfOverall)));
        QVERIFY(run.beforeFinished > run.evalHalfOverall);
    }

    void theFinalEvaluationIsItsOwnStep()
    {
        SyntheticRun run;
        run.iterations = 200;
        run.run(mixedPlan());
        QVERIFY(run.evalHalfFinal);
        QCOMPARE(run.evalHalfBar, 0.5);
        QCOMPARE(run.evalHalfText, QStringLiteral("Evaluating: final FP32, RTN, AdaRound — %1 of %2 images")
                                       .arg(QLocale().toString(5000), QLocale().toString(10000)));
        // The evaluation has a real share of the run, and half of it done is half that share.
        qInfo("overall at the final evaluation's start %.3f, half-way %.3f", run.evalStartOverall, run.evalHalfOverall);
        QVERIFY(run.evalStartOverall < 0.95);
        QVERIFY(std::abs(run.evalHalfOverall - (run.evalStartOverall + 1) / 2) < 0.005);
        QVERIFY(!run.progress.inFinalEvaluation()); // finished
    }

    void theEtaWaitsForMeasurementsThenStaysCloseAndSteady_data()
    {
        QTest::addColumn<std::vector<LayerPlan>>("plan");
        QTest::addColumn<double>("earlyBound"); // worst error from 20% of the run, as a share of the run
        QTest::addColumn<double>("lateBound");  // from half the run
        // Even layers: the rates measured hold for the rest.
        QTest::newRow("even layers") << std::vector<LayerPlan>{{8, true, 200}, {4, true, 200}, {0, true, 0},
                                                               {4, false, 0}, {4, true, 200}, {8, true, 200}}
                                     << 0.08 << 0.05;
        // Uneven: the first layer runs twice as fast as the second, which no
        // estimate can know before it runs; the error shrinks as layers finish.
        QTest::newRow("uneven layers") << mixedPlan() << 0.25 << 0.08;
    }

    void theEtaWaitsForMeasurementsThenStaysCloseAndSteady()
    {
        QFETCH(std::vector<LayerPlan>, plan);
        QFETCH(double, earlyBound);
        QFETCH(double, lateBound);
        SyntheticRun run;
        run.run(plan);
        const double total = run.seconds();
        double early = 0, late = 0, worstJump = 0, worstStartJump = 0;
        const Sample* previous = nullptr;
        bool shown = false;
        for (const Sample& s : run.samples) {
            if (s.eta >= 0 && !shown) {
                shown = true;
                // Not before a second of the first layer's loop has been measured.
                QVERIFY2(s.t - run.firstLoopAt >= 1.0,
                         qPrintable(QStringLiteral("ETA shown %1 s into the first loop").arg(s.t - run.firstLoopAt)));
            }
            if (previous && previous->eta >= 0 && s.eta >= 0 && &s != &run.samples.back()) { // the end sets 0
                // What the shown ETA did beyond counting down, against its size
                // (half a second is below what "m:ss" shows).
                const double jump = std::abs(s.eta - (previous->eta - (s.t - previous->t))) / (previous->eta + 10.0);
                worstJump = std::max(worstJump, jump);
                if (s.layerStart)
                    worstStartJump = std::max(worstStartJump, jump);
            }
            const double share = run.share(s), error = std::abs(s.eta - run.trueLeft(s)) / total;
            if (s.eta >= 0 && share > 0.2 && share < 0.95)
                early = std::max(early, error);
            if (s.eta >= 0 && share > 0.5 && share < 0.95)
                late = std::max(late, error);
            previous = &s;
        }
        qInfo("run of %.1f s: worst ETA error %.1f%% of the run from 20%% on, %.1f%% from half-way; worst change "
              "beyond the countdown %.2f%% (at a layer's start %.3f%%)",
              total, 100 * early, 100 * late, 100 * worstJump, 100 * worstStartJump);
        QVERIFY(shown);
        QVERIFY2(early < earlyBound, "the ETA strayed from the time left");
        QVERIFY2(late < lateBound, "the ETA strayed from the time left late in the run");
        QVERIFY2(worstJump < 0.03, "the ETA jumped by more than 3% (of itself + 10 s) between two events");
        QVERIFY2(worstStartJump < 0.01, "the ETA jumped as a layer started");
    }

    void aPauseIsNotCountedInTheEta()
    {
        SyntheticRun run;
        run.pauseAt = 8; // in the second layer's loop
        run.pauseFor = 120;
        run.run(mixedPlan());
        QVERIFY(run.etaBeforePause > 0);
        // The ETA stood still while paused...
        QCOMPARE(run.etaAfterPause, run.etaBeforePause);
        // ...and the rates after it are not diluted by the pause: still close to the time left.
        for (const Sample& s : run.samples) {
            const double share = run.share(s);
            if (s.eta >= 0 && share > 0.2 && share < 0.95)
                QVERIFY2(std::abs(s.eta - run.trueLeft(s)) < 0.10 * (run.seconds() - run.pauseFor),
                         qPrintable(QStringLiteral("ETA %1 s, %2 s left").arg(s.eta).arg(run.trueLeft(s))));
        }
    }

    void eventsOutsideProgressAreIgnored()
    {
        RunProgress p([] { return 0.0; });
        QVERIFY(!p.apply(HistogramSnapshot{}));
        QVERIFY(!p.apply(AccuracyPoint{}));
        QVERIFY(!p.apply(QuantizedLayer{}));
        QCOMPARE(p.overallFraction(), 0.0);
        QCOMPARE(p.etaSeconds(), -1.0);
        QCOMPARE(p.runningLayer(), -1);
        p.apply(LayerStarted{2, "conv3", 4, 100});
        QCOMPARE(p.runningLayer(), 2);
        LayerFinished f;
        f.layer = 2;
        p.apply(f);
        QCOMPARE(p.runningLayer(), -1);
    }
};

QTEST_GUILESS_MAIN(RunProgressTest)
#include "run_progress_test.moc"
