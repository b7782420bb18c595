// The teaching view "relaxation and regulariser" (issue 13, item 2): its
// curves against the paper's formulas (written out here, not taken from the
// code under test), the β marker and the highlighted f_reg curve following a
// real short AdaRound run's IterationStats (warm-up included), the histogram
// under the curve equal to the snapshot's counts, and a stored run shown at a
// chosen layer and snapshot.
#include "beta_schedule_plot.h"
#include "rectified_sigmoid_plot.h"
#include "regulariser_plot.h"
#include "relaxation_view.h"

#include "dashboard_test_support.h"

#include "adaround/adaround_run.h"
#include "adaround/run_record.h"

#include <QComboBox>
#include <QSlider>
#include <QtTest>

#include <cmath>

using namespace adaround;

namespace {

// The paper's definitions, ζ = 1.1 and γ = -0.1 (Nagel et al. 2020, eq. 23-24).
double paperH(double v)
{
    const double s = 1.0 / (1.0 + std::exp(-v));
    return std::min(1.0, std::max(0.0, s * (1.1 - (-0.1)) + (-0.1)));
}

double paperFreg(double h, double beta)
{
    return 1.0 - std::pow(std::fabs(2.0 * h - 1.0), beta);
}

// The dashboard test's short run of the demo CNN, with a statistics point every
// 10 iterations (4 of them inside the 40-iteration warm-up) and a snapshot every 20.
RunRecord shortRun()
{
    AdaRoundConfig c;
    c.modelPath = ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt";
    c.calibDir = ADAROUND_TEST_DEMO_DIR "/calib";
    c.evalDir = ADAROUND_TEST_SMALL_DEMO_DIR "/eval";
    c.bits = {3, 8, {}};
    c.calibSize = 128;
    c.iterations = 200;
    c.statsInterval = 10;
    c.histogramInterval = 20;
    c.histogramBins = 20;
    c.evalSubset = 0;
    c.threads = 2;
    c.rtnOnlyLayers = {"conv2"};
    return dashboardtest::recordedRun(c);
}

std::vector<double> percentShares(const HistogramSnapshot& s)
{
    double total = 0;
    for (int64_t c : s.counts)
        total += double(c);
    std::vector<double> out;
    for (int64_t c : s.counts)
        out.push_back(100.0 * double(c) / total);
    return out;
}

} // namespace

class RelaxationViewTest : public QObject {
    Q_OBJECT
    RunRecord run_;

    static void checkHistogram(RelaxationView& v, const HistogramSnapshot& s)
    {
        QCPBars* bars = v.regulariserPlot()->histogram();
        QCOMPARE(bars->valueAxis(), v.regulariserPlot()->yAxis2); // under the curve, on its own axis
        const auto shares = percentShares(s);
        QCOMPARE(bars->data()->size(), int(shares.size()));
        for (int i = 0; i < int(shares.size()); ++i) {
            QCOMPARE(bars->data()->at(i)->key, (i + 0.5) / double(shares.size()));
            QVERIFY(std::fabs(bars->data()->at(i)->value - shares[size_t(i)]) < 1e-9);
        }
    }

    static void checkCurrentCurve(RelaxationView& v, double beta)
    {
        const QCPGraph* g = v.regulariserPlot()->currentCurve();
        QCOMPARE(g->dataCount(), RegulariserPlot::kPoints);
        for (int i = 0; i < g->dataCount(); i += 20) {
            const double h = g->data()->at(i)->key;
            QVERIFY(std::fabs(g->data()->at(i)->value - paperFreg(h, beta)) < 1e-12);
        }
    }

private slots:
    void initTestCase() { run_ = shortRun(); }

    void curvesFollowTheFormulas()
    {
        RelaxationView v;
        const RectifiedSigmoidPlot* s = v.sigmoidPlot();
        QCOMPARE(s->rectified()->dataCount(), RectifiedSigmoidPlot::kPoints);
        int zeros = 0, ones = 0;
        for (int i = 0; i < s->rectified()->dataCount(); ++i) {
            const double x = s->rectified()->data()->at(i)->key;
            const double h = s->rectified()->data()->at(i)->value;
            QVERIFY(std::fabs(h - paperH(x)) < 1e-12);
            QVERIFY(std::fabs(s->sigmoid()->data()->at(i)->value - 1.0 / (1.0 + std::exp(-x))) < 1e-12);
            zeros += h == 0.0;
            ones += h == 1.0;
        }
        QCOMPARE(s->rectified()->data()->at(0)->key, -RectifiedSigmoidPlot::kVRange);
        QVERIFY(zeros > 0 && ones > 0); // the clip reaches both ends exactly: a plain sigmoid never does
        QVERIFY(s->stretched()->data()->at(0)->value < -0.09); // before the clip: down to γ
        // h(0) = 0.5: V = 0 is undecided.
        QVERIFY(std::fabs(paperH(0) - s->rectified()->data()->at(RectifiedSigmoidPlot::kPoints / 2)->value) < 1e-12);

        const QVector<double> betas = RegulariserPlot::referenceBetas();
        QCOMPARE(betas, QVector<double>({20, 10, 5, 2}));
        const auto& curves = v.regulariserPlot()->referenceCurves();
        QCOMPARE(curves.size(), betas.size());
        for (int k = 0; k < betas.size(); ++k) {
            QCOMPARE(curves[k]->name(), QStringLiteral("β = %1").arg(betas[k]));
            QCOMPARE(curves[k]->dataCount(), RegulariserPlot::kPoints);
            for (int i = 0; i < curves[k]->dataCount(); ++i) {
                const double h = curves[k]->data()->at(i)->key;
                QCOMPARE(h, double(i) / (RegulariserPlot::kPoints - 1));
                QVERIFY(std::fabs(curves[k]->data()->at(i)->value - paperFreg(h, betas[k])) < 1e-12);
            }
            QCOMPARE(curves[k]->data()->at(0)->value, 0.0);                                // decided: no cost
            QCOMPARE(curves[k]->data()->at(RegulariserPlot::kPoints / 2)->value, 1.0);    // h = 0.5: the most
        }
        QVERIFY(!v.regulariserPlot()->currentCurve()->visible()); // no run: no current β
    }

    void markerAndCurrentCurveFollowIterationStats()
    {
        RelaxationView v;
        const AnnealingSchedule schedule = AnnealingSchedule::from(run_.started.config);
        int checked = 0, inWarmup = 0;
        CallbackObserver feed([&](const RunEvent& e) {
            v.onRunEvent(e);
            const auto* s = std::get_if<IterationStats>(&e);
            if (!s || QTest::currentTestFailed())
                return;
            v.flush();
            QCOMPARE(v.shownLayer(), s->layer); // follows the running layer
            QCOMPARE(v.schedulePlot()->markerIteration(), s->iteration);
            QCOMPARE(v.schedulePlot()->markerBeta(), s->beta);
            QCOMPARE(v.regulariserPlot()->currentBeta(), s->beta);
            const bool warmup = s->roundLoss == 0.0; // the engine reports no rounding loss in the warm-up
            QCOMPARE(v.regularised(), !warmup);
            QCOMPARE(v.regulariserPlot()->warmupLabelShown(), warmup);
            QCOMPARE(v.regularised(), schedule.regularised(s->iteration - 1));
            checkCurrentCurve(v, s->beta);
            inWarmup += warmup;
            ++checked;
        });
        replay(run_, feed);
        QCOMPARE(checked, int(run_.iterations.size()));
        QCOMPARE(inWarmup, 4 * 4); // 4 points inside each optimised layer's 40-iteration warm-up
        // β annealed from its start toward its end.
        QCOMPARE(run_.iterations.front().beta, run_.started.config.betaStart);
        QVERIFY(run_.iterations.back().beta < run_.started.config.betaStart / 5);
        QVERIFY(v.live() == false); // the run finished
    }

    void histogramUnderTheCurveIsTheSnapshot()
    {
        RelaxationView v;
        int checked = 0;
        CallbackObserver feed([&](const RunEvent& e) {
            v.onRunEvent(e);
            if (const auto* h = std::get_if<HistogramSnapshot>(&e); h && !QTest::currentTestFailed()) {
                QCOMPARE(v.shownLayer(), h->layer);
                checkHistogram(v, *h);
                QVERIFY(v.regulariserPlot()->title().contains(QStringLiteral("iteration %1").arg(h->iteration)));
                ++checked;
            }
        });
        replay(run_, feed);
        QCOMPARE(checked, int(run_.histograms.size()));
        // The regulariser did its job: the first layer's last snapshot has more mass in the two outer bins
        // than its first.
        const auto& layer = v.snapshots(run_.layerStarts.front().layer);
        const auto first = percentShares(layer.front());
        const auto last = percentShares(layer.back());
        QVERIFY(last.front() + last.back() > first.front() + first.back());
    }

    void storedRunAtAChosenLayerAndSnapshot()
    {
        RelaxationView v;
        v.showRecord(run_);
        QVERIFY(!v.live());
        QCOMPARE(v.layerBox()->count(), 4); // conv2 was rounded to nearest: no h(V)
        const int last = run_.layerStarts.back().layer;
        QCOMPARE(v.shownLayer(), last);
        QCOMPARE(v.shownSnapshot(), int(v.snapshots(last).size()) - 1);
        QCOMPARE(v.snapshots(last).size(), size_t(200 / 20 + 1)); // at 0, 20, ..., 200

        const int first = run_.layerStarts.front().layer;
        const AnnealingSchedule schedule = AnnealingSchedule::from(run_.started.config);
        for (int k : {0, 1, 2, 5, 10}) {
            v.showSnapshot(first, k);
            v.flush();
            const HistogramSnapshot& s = v.snapshots(first)[size_t(k)];
            QCOMPARE(s.iteration, 20 * k);
            checkHistogram(v, s);
            QCOMPARE(v.shownLayer(), first);
            QCOMPARE(v.slider()->value(), k);
            QCOMPARE(v.layerBox()->currentData().toInt(), first);
            QCOMPARE(v.schedulePlot()->markerIteration(), s.iteration);
            QCOMPARE(v.currentBeta(), schedule.beta(std::max(0, s.iteration - 1)));
            QCOMPARE(v.regulariserPlot()->warmupLabelShown(), s.iteration <= 40); // 40 = 0.2 x 200
            checkCurrentCurve(v, v.currentBeta());
        }
        // The slider picks snapshots as the user drags it.
        v.slider()->setValue(3);
        QCOMPARE(v.shownSnapshot(), 3);
        checkHistogram(v, v.snapshots(first)[3]);
    }

    void pickingALayerStopsFollowingUntilAskedBack()
    {
        RelaxationView v;
        const int first = run_.layerStarts.front().layer;
        bool picked = false;
        CallbackObserver feed([&](const RunEvent& e) {
            v.onRunEvent(e);
            const auto* f = std::get_if<LayerFinished>(&e);
            if (f && f->layer == first && !picked) {
                v.showSnapshot(first, 1);
                picked = true;
            }
        });
        replay(run_, feed);
        QVERIFY(!v.following());
        QCOMPARE(v.shownLayer(), first); // later layers did not move it
        QCOMPARE(v.shownSnapshot(), 1);
        v.followLive();
        QCOMPARE(v.shownLayer(), run_.layerStarts.back().layer);
    }
};

QTEST_MAIN(RelaxationViewTest)
#include "relaxation_view_test.moc"
