// The Who Flipped view (issue 13, item 3) on a real short run of the demo CNN
// (3 bits, conv2 RTN only), fed from the record and live, event by event: the
// points, counts, bars and kernel grid against the layer's rounding and
// fractions; hovering; the channel filter; an old log that predates the data;
// the Teach menu's lazily made dock following the picked layer.
#include "flips_side_plots.h"
#include "flips_store.h"
#include "flips_view.h"
#include "layer_focus.h"
#include "main_window.h"
#include "run_dashboard.h"

#include "adaround/flip_stats.h"
#include "adaround/run_log.h"
#include "dashboard_test_support.h"

#include <QComboBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QMenuBar>
#include <QSpinBox>
#include <QtTest>

using namespace adaround;

class FlipsViewTest : public QObject {
    Q_OBJECT
    RunRecord run_;

    const QuantizedLayer& layerNamed(const char* name) const
    {
        for (const auto& w : run_.weights)
            if (w.name == name)
                return w;
        qFatal("no layer %s", name);
    }

private slots:
    void initTestCase() { run_ = dashboardtest::realRun(0.05); }

    void scatterAndBarsMatchTheLayersRounding()
    {
        FlipsStore store;
        store.showRecord(run_);
        FlipsView view(&store);
        view.resize(1200, 700);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        for (const QuantizedLayer& w : run_.weights) {
            QElapsedTimer t;
            t.start();
            view.showLayer(w.layer);
            view.scatter()->replot(); // the drawing the user waits for
            qInfo("showing %s (%zu weights) took %lld ms", w.name.c_str(), w.codes.size(), t.elapsed());
            const FlipStats s = flipStats(w, 10);
            QCOMPARE(view.scatter()->sameCount() + view.scatter()->otherCount(), int64_t(w.codes.size()));
            QCOMPARE(view.scatter()->otherCount(), s.flipped);
            QCOMPARE(view.scatter()->otherGraph()->dataCount(), int(s.flipped));
            QVERIFY2(view.scatter()->otherGraph()->name().contains(QLocale().toString(qlonglong(s.flipped))),
                     qPrintable(view.scatter()->otherGraph()->name()));
            QVERIFY2(view.statusText().contains(QLocale().toString(qlonglong(s.flipped))), qPrintable(view.statusText()));
            // Every "other way" point sits on the other side of 0.5 from its decision.
            for (auto it = view.scatter()->otherGraph()->data()->constBegin();
                 it != view.scatter()->otherGraph()->data()->constEnd(); ++it)
                QCOMPARE(it->value > 0.5, it->key < 0.5);
            // Bars: the share flipped per distance bin.
            auto* bars = view.shares()->bars();
            QCOMPARE(bars->dataCount(), 10);
            for (int b = 0; b < 10; ++b) {
                const auto& bin = s.byDistance[size_t(b)];
                const double share = bin.weights ? 100.0 * double(bin.flipped) / double(bin.weights) : 0;
                QCOMPARE(bars->data()->at(b)->value, share);
            }
        }
        // conv2 is RTN only: nothing flips, and the view says why.
        view.showLayer(layerNamed("conv2").layer);
        QCOMPARE(view.scatter()->otherCount(), int64_t(0));
        QVERIFY2(view.statusText().contains(QStringLiteral("nothing flips")), qPrintable(view.statusText()));
    }

    void kernelGridHoverAndChannelFilter()
    {
        FlipsStore store;
        store.showRecord(run_);
        FlipsView view(&store);
        view.resize(1200, 700);
        const QuantizedLayer& w = layerNamed("conv3");
        view.showLayer(w.layer);
        // The kernel of channel 2: Δ = rounding − nearest per (input channel, tap).
        view.setChannel(2);
        const int64_t per = weightsPerChannel(w);
        QCOMPARE(view.scatter()->sameCount() + view.scatter()->otherCount(), per);
        QCOMPARE(view.scatter()->otherCount(), flipStats(w, 10, 2).flipped);
        const int in = int(w.shape[1]), taps = int(w.shape[2] * w.shape[3]);
        auto* map = view.kernel()->map();
        QCOMPARE(map->data()->keySize(), in);
        QCOMPARE(map->data()->valueSize(), taps);
        for (int c = 0; c < in; ++c)
            for (int t = 0; t < taps; ++t) {
                const size_t i = size_t(2 * per + c * taps + t);
                QCOMPARE(map->data()->cell(c, t), double(int(w.roundedUp[i]) - int(nearestRoundsUp(w.fraction[i]))));
            }
        // Hovering a sampled weight draws its trajectory and names it.
        const auto& samples = store.samples(w.layer);
        QVERIFY(!samples.empty());
        const int64_t sampled = samples.front().indices[3];
        view.hoverWeight(sampled);
        QVERIFY2(view.weightText().contains(QStringLiteral("output channel %1").arg(sampled / per)), qPrintable(view.weightText()));
        QVERIFY2(view.weightText().contains(QStringLiteral("fraction")), qPrintable(view.weightText()));
        QVERIFY(!view.weightText().contains(QStringLiteral("not in the trajectory sample")));
        int64_t unsampled = 0;
        while (std::binary_search(samples.front().indices.begin(), samples.front().indices.end(), unsampled))
            ++unsampled;
        view.hoverWeight(unsampled);
        QVERIFY2(view.weightText().contains(QStringLiteral("not in the trajectory sample")), qPrintable(view.weightText()));
        // Final h(V) mode: the sampled weights only, at their last h(V).
        view.setChannel(-1);
        view.setMode(FlipsScatter::YMode::FinalH);
        QCOMPARE(view.scatter()->sameCount() + view.scatter()->otherCount(), int64_t(samples.back().indices.size()));
        // The trajectories plot has one line per sampled weight (and the bold one).
        QCOMPARE(view.trajectories()->sampleCount(), int(samples.front().indices.size()));
    }

    void liveEventsGiveTheSameView()
    {
        FlipsStore store;
        FlipsView view(&store);
        CallbackObserver feed([&store](const RunEvent& e) { store.onRunEvent(e); });
        replay(run_, feed);
        const QuantizedLayer& w = layerNamed("fc1");
        view.showLayer(w.layer);
        QCOMPARE(view.scatter()->otherCount(), flipStats(w, 10).flipped);
        QCOMPARE(store.samples(w.layer).size(), size_t(dashboardtest::kIterations / dashboardtest::kHistogramInterval + 1));
    }

    void anOldLogSaysItPredatesTheData()
    {
        FlipsStore store;
        FlipsView view(&store);
        store.showRecord(readRunLog(ADAROUND_TEST_RUNLOG_V1).record);
        QVERIFY2(view.statusText().contains(QStringLiteral("predates")), qPrintable(view.statusText()));
        QCOMPARE(view.scatter()->sameCount() + view.scatter()->otherCount(), int64_t(0));
    }

    void teachMenuMakesTheDockOnFirstUseAndFollowsTheLayer()
    {
        MainWindow window;
        QMenu* teach = nullptr;
        QStringList titles;
        for (QAction* a : window.menuBar()->actions()) {
            titles << a->text();
            if (a->menu() && a->menu()->objectName() == QLatin1String("teachMenu"))
                teach = a->menu();
        }
        QVERIFY(teach);
        QVERIFY2(titles.indexOf(QStringLiteral("&Teach")) + 1 == titles.indexOf(QStringLiteral("&Help")), qPrintable(titles.join(',')));
        QVERIFY(!window.findChild<QDockWidget*>(QStringLiteral("teachFlipsDock"))); // not made yet
        window.dashboard()->showRecord(run_);
        window.flipsStore()->showRecord(run_);
        teach->findChild<QAction*>(QStringLiteral("teachFlips"))->trigger();
        QVERIFY(window.findChild<QDockWidget*>(QStringLiteral("teachFlipsDock")));
        FlipsView* view = window.showFlipsView();
        const int fc1 = layerNamed("fc1").layer;
        window.dashboard()->selectLayer(fc1);
        QCOMPARE(view->shownLayer(), fc1);
        QCOMPARE(view->layerCombo()->currentText(), QStringLiteral("fc1"));
    }
};

QTEST_MAIN(FlipsViewTest)
#include "flips_view_test.moc"
