// Progress of a real run in the window (the small demo): the layer table marks
// each layer as it is quantized and clears the mark at the end, the final
// evaluation shows as its own step while the run bar stays short of the end,
// and a plan with a layer kept in float and one RTN only ends at 100%.
#include "adaround/overloaded.h"
#include "adaround/phase_stages.h"
#include "layer_editor.h"
#include "layer_table_model.h"
#include "main_window.h"
#include "run_controller.h"
#include "run_event_bridge.h"

#include <QElapsedTimer>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

class MainWindowProgressTest : public QObject {
    Q_OBJECT
    QTemporaryDir runs_;

private slots:
    void aRunMarksItsLayersAndEndsAtAHundredPercent()
    {
        MainWindow w;
        w.show();
        w.setRunsFolder(runs_.path());
        QVERIFY(w.openModel(QStringLiteral(ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt")));
        w.setDataFolders(QStringLiteral(ADAROUND_TEST_DEMO_DIR "/calib"), QStringLiteral(ADAROUND_TEST_SMALL_DEMO_DIR "/eval"));
        adaround::AdaRoundConfig c = w.buildConfig();
        c.iterations = 100;
        c.calibSize = 256;
        c.evalSubset = 100;
        c.statsInterval = 10;
        w.applyConfig(c);
        LayerTableModel* layers = w.layerModel();
        layers->setBits({2}, 0);          // conv3 kept in float: the run sends it nothing
        layers->setOptimised({3}, false); // fc1 RTN only
        w.layerEditor()->view()->selectRow(1);
        QVERIFY(!w.layerEditor()->selectedRows().isEmpty());

        // What the window shows as each event arrives (the window's own handler runs first).
        QList<int> marked;
        QStringList finalSteps;
        double overallWhileEvaluating = 0;
        bool clearedSelection = true;
        connect(w.controller()->events(), &RunEventBridge::runEvent, this, [&](const SharedRunEvent& e) {
            if (const auto* s = std::get_if<adaround::LayerStarted>(e.get())) {
                marked << layers->runningLayer();
                QCOMPARE(layers->index(s->layer, LayerTableModel::Index).data().toString(),
                         QStringLiteral("▶ %1").arg(s->layer));
                clearedSelection = clearedSelection && w.layerEditor()->selectedRows().isEmpty();
            }
            if (const auto* p = std::get_if<adaround::PhaseProgress>(e.get());
                p && p->detail == adaround::kFinalEvaluationStage) {
                finalSteps << w.progress().phaseText();
                QVERIFY(w.progress().inFinalEvaluation());
                if (p->done < p->total)
                    overallWhileEvaluating = std::max(overallWhileEvaluating, w.progress().overallFraction());
            }
        });
        // A timeline of the run as the window saw it, with the ETA shown at each step.
        QElapsedTimer clock;
        clock.start();
        QStringList timeline;
        auto note = [&](const QString& what) {
            timeline << QStringLiteral("%1 s %2 (run %3%, ETA %4 s)")
                            .arg(clock.elapsed() / 1000.0, 0, 'f', 2)
                            .arg(what)
                            .arg(100 * w.progress().overallFraction(), 0, 'f', 1)
                            .arg(w.progress().etaSeconds(), 0, 'f', 1);
        };
        connect(w.controller()->events(), &RunEventBridge::runEvent, this, [&](const SharedRunEvent& e) {
            std::visit(adaround::overloaded{
                           [&](const adaround::RunStarted&) { note(QStringLiteral("started")); },
                           [&](const adaround::LayerStarted& s) { note(QStringLiteral("layer %1 starts").arg(s.layer)); },
                           [&](const adaround::LayerFinished& f) {
                               note(QStringLiteral("layer %1 done (%2 s, %3 it/s)").arg(f.layer).arg(f.seconds).arg(f.iterationsPerSecond));
                           },
                           [&](const adaround::PhaseProgress& p) {
                               if (p.detail == adaround::kFinalEvaluationStage && (p.done == p.total || timeline.last().indexOf(QStringLiteral("final")) < 0))
                                   note(QStringLiteral("final evaluation %1/%2").arg(p.done).arg(p.total));
                           },
                           [&](const adaround::RunFinished&) { note(QStringLiteral("finished")); },
                           [](const auto&) {}},
                       *e);
        });
        QSignalSpy ended(&w, &MainWindow::runEnded);
        QVERIFY(w.startRun());
        QVERIFY(w.layerEditor()->selectedRows().isEmpty()); // the setup's selection is stale in a run
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 280000);
        QVERIFY2(w.controller()->result().end == adaround::RunEnd::Completed, w.controller()->result().error.c_str());

        qInfo("%s", qPrintable(timeline.join(QLatin1Char('\n'))));
        QCOMPARE(marked, (QList<int>{0, 1, 3, 4})); // every quantized layer in turn, none for conv3
        QVERIFY(clearedSelection);
        QCOMPARE(layers->runningLayer(), -1); // cleared at the end
        QVERIFY(!finalSteps.isEmpty());
        qInfo("final evaluation steps: %s", qPrintable(finalSteps.join(QStringLiteral(" | "))));
        QVERIFY(finalSteps.last().startsWith(QStringLiteral("Evaluating: final FP32, RTN, AdaRound — ")));
        QVERIFY(finalSteps.last().endsWith(QStringLiteral(" of 300 images")));
        QVERIFY(overallWhileEvaluating < 1.0);
        QCOMPARE(w.progress().overallFraction(), 1.0); // a float layer no longer holds it at 97.6%
        QProgressBar* runBar = nullptr;
        for (QProgressBar* bar : w.findChildren<QProgressBar*>())
            if (bar->format().startsWith(QStringLiteral("run")))
                runBar = bar;
        QVERIFY(runBar);
        QCOMPARE(runBar->value(), runBar->maximum());
    }
};

QTEST_MAIN(MainWindowProgressTest)
#include "main_window_progress_test.moc"
