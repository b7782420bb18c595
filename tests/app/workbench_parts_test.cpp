// The window's parts below the GUI: the event bridge across threads, progress
// and ETA from events, and the labels naming differing settings.
#include "config_diff.h"
#include "run_event_bridge.h"
#include "run_progress.h"

#include <QSignalSpy>
#include <QThread>
#include <QtTest>
#include <cmath>
#include <thread>

class WorkbenchPartsTest : public QObject {
    Q_OBJECT
private slots:
    void bridgeDeliversEventsOnTheGuiThread()
    {
        RunEventBridge bridge;
        QList<int> iterations;
        QList<QThread*> threads;
        QString failure;
        int weights = 0;
        QList<const adaround::RunEvent*> first, second; // what two receivers got
        connect(&bridge, &RunEventBridge::runEvent, this, [&](const SharedRunEvent& e) {
            first << e.get();
            threads << QThread::currentThread();
            if (const auto* s = std::get_if<adaround::IterationStats>(e.get()))
                iterations << s->iteration;
            else if (const auto* f = std::get_if<adaround::RunFailed>(e.get()))
                failure = QString::fromStdString(f->error);
            else if (std::holds_alternative<adaround::QuantizedLayer>(*e))
                ++weights;
        });
        connect(&bridge, &RunEventBridge::runEvent, this, [&](const SharedRunEvent& e) { second << e.get(); });
        std::thread worker([&] {
            for (int i = 1; i <= 100; ++i) {
                adaround::IterationStats e;
                e.iteration = i;
                e.recLoss = 1.0 / i;
                bridge.onEvent(e);
            }
            adaround::QuantizedLayer w;
            w.codes.assign(1 << 20, 3);
            bridge.onEvent(w);
            bridge.onEvent(adaround::RunFailed{"layer conv2: NaN in the weights"});
        });
        worker.join();
        QVERIFY(iterations.isEmpty()); // queued: nothing arrives until the GUI thread's event loop runs
        QTRY_COMPARE(failure, QStringLiteral("layer conv2: NaN in the weights"));
        QCOMPARE(iterations.size(), 100);
        for (int i = 0; i < 100; ++i)
            QCOMPARE(iterations[i], i + 1);
        for (QThread* t : threads)
            QCOMPARE(t, QThread::currentThread());
        QCOMPARE(weights, 1);      // a layer's rounding, once, for the Who Flipped view
        QCOMPARE(first.size(), 102);
        QTRY_COMPARE(second, first); // one shared copy of each event, whatever the receivers
    }

    void progressWeighsLayersByTheirIterations()
    {
        adaround::RunStarted s;
        s.config.iterations = 1000;
        s.layers.resize(3);
        s.bits = {8, 4, 0};             // the last layer stays float: no share (the run sends it no events)
        s.adaround = {true, true, true};
        RunProgress p;
        QVERIFY(p.apply(s));
        QCOMPARE(p.overallFraction(), 0.0);
        QVERIFY(p.apply(adaround::LayerStarted{0, "conv1", 8, 1000}));
        QVERIFY(p.apply(adaround::IterationStats{0, 500, 1, 0, 20, 1}));
        QVERIFY(!p.apply(adaround::HistogramSnapshot{0, 500, {1, 2}, 0.5})); // not progress
        QVERIFY(!p.apply(adaround::AccuracyPoint{}));
        QCOMPARE(p.layerFraction(), 0.5);
        QCOMPARE(p.overallFraction(), 500.0 / 2000.0);
        adaround::LayerFinished f;
        f.layer = 0;
        p.iteration({0, 1000, 1, 0, 2, 1});
        QCOMPARE(p.overallFraction(), 1000.0 / 2000.0); // the last step counts before the layer's end
        QVERIFY(p.apply(f));
        QCOMPARE(p.overallFraction(), 1000.0 / 2000.0);
        QCOMPARE(p.iterationsDone(), 1000);
        p.layerStarted({1, "conv2", 4, 1000});
        p.iteration({1, 250, 1, 0, 20, 1});
        QCOMPARE(p.iterationsDone(), 1250);
        QCOMPARE(p.overallFraction(), 1250.0 / 2000.0);
        QCOMPARE(RunProgress::formatDuration(65), QStringLiteral("1:05"));
        QCOMPARE(RunProgress::formatDuration(3723), QStringLiteral("1:02:03"));
    }

    void progressShowsLoadingCaptureAndEvaluationAsTheirOwnSteps()
    {
        RunProgress p;
        QVERIFY(p.apply(adaround::PhaseProgress{adaround::RunPhase::Loading, "calibration images", 256, 1024}));
        QVERIFY(p.inPhase());
        QCOMPARE(p.phaseFraction(), 0.25);
        QCOMPARE(p.phaseText(), QStringLiteral("loading calibration images"));
        adaround::RunStarted s;
        s.config.iterations = 100;
        s.layers.resize(1);
        s.bits = {4};
        s.adaround = {true};
        p.apply(s);
        QVERIFY(p.apply(adaround::PhaseProgress{adaround::RunPhase::Capturing, "inputs of conv1", 128, 128}));
        QCOMPARE(p.phaseFraction(), 1.0);
        p.apply(adaround::LayerStarted{0, "conv1", 4, 100});
        QVERIFY(p.apply(adaround::PhaseProgress{adaround::RunPhase::Optimising, "conv1", 0, 100}));
        QVERIFY(!p.inPhase()); // optimising: the layer's own iterations show
        p.apply(adaround::PhaseProgress{adaround::RunPhase::Evaluating, "progress curve after conv1", 10, 50});
        QVERIFY(p.inPhase());
        p.apply(adaround::IterationStats{0, 50, 1, 0, 20, 1});
        QVERIFY(!p.inPhase()); // an iteration ends any other step
        QCOMPARE(p.layerFraction(), 0.5);
    }

    void labelsNameTheDifferingSettings()
    {
        adaround::AdaRoundConfig a, b;
        QVERIFY(differingSettings(a, b).isEmpty());
        QCOMPARE(comparisonLabel(b, a, QStringLiteral("run 2")), QStringLiteral("run 2"));
        b.lambda = 0.1;
        b.schedule = adaround::BetaSchedule::Cosine;
        b.iterations = 500;
        QCOMPARE(differingSettings(a, b), (QStringList{"iterations", "lambda", "schedule"}));
        QCOMPARE(comparisonLabel(b, a, {}), QStringLiteral("iterations=500, λ=0.1, schedule=cosine"));
        b = a;
        b.modelPath = "/x/fmnist_mobilenet.pt";
        a.modelPath = "/x/fmnist_cnn.pt";
        QCOMPARE(comparisonLabel(b, a, {}), QStringLiteral("model=fmnist_mobilenet.pt"));

        // Values as exact as the knob table keeps them, and the settings beside the table.
        b = a;
        b.lambda = 3e-6;
        b.seed = 18446744073709551615ull;
        b.quant.perChannel = false;
        QCOMPARE(comparisonLabel(b, a, {}), QStringLiteral("λ=3e-06, per_channel=off, seed=18446744073709551615"));
        b = a;
        b.bits.overrides = {{"conv1", 8}, {"fc2", 0}};
        b.rtnOnlyLayers = {"conv2"};
        b.preprocessOverrides.resize = 32;
        QCOMPARE(differingSettings(a, b), (QStringList{"bits_layer", "preprocess_overrides", "rtn_layers"}));
        QCOMPARE(comparisonLabel(b, a, {}),
                 QStringLiteral("bits_layer=conv1:8 fc2:fp32, preprocess_overrides=resize:32, rtn_layers=conv2"));
        b = a;
        b.learningRate = std::nextafter(a.learningRate, 1.0); // one ulp apart is a difference
        QCOMPARE(differingSettings(a, b), QStringList{"learning_rate"});
    }
};

QTEST_MAIN(WorkbenchPartsTest)
#include "workbench_parts_test.moc"
