// Run > Evaluate FP32 / RTN at These Bits on the demo CNN and the small eval
// folder (300 real images): in the background, the figures equal the core's
// RTN comparison at the setup's bits, shown in the message and as the accuracy
// chart's bar panel; a window closed during an evaluation ends it.
#include "accuracy_plot.h"
#include "config_presets.h"
#include "hyperparameter_panel.h"
#include "layer_table_model.h"
#include "adaround/rtn_comparison.h"
#include "main_window.h"
#include "run_dashboard.h"

#include <QAction>
#include <QElapsedTimer>
#include <QLocale>
#include <QtTest>

namespace {

void prepare(MainWindow& w)
{
    QVERIFY(w.openModel(QStringLiteral(ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt")));
    w.setDataFolders(QStringLiteral(ADAROUND_TEST_DEMO_DIR "/calib"), QStringLiteral(ADAROUND_TEST_SMALL_DEMO_DIR "/eval"));
    adaround::AdaRoundConfig c = w.buildConfig();
    c.bits = {2, 8, {}};
    w.applyConfig(c);
}

QAction* evaluateAction(MainWindow& w)
{
    for (QAction* a : w.findChildren<QAction*>())
        if (a->text().contains(QStringLiteral("Evaluate FP32 / RTN")))
            return a;
    return nullptr;
}

// The core's round-to-nearest comparison at the window's setup, run here.
adaround::RtnReport coreComparison(const MainWindow& w)
{
    return adaround::compareRoundToNearest(adaround::rtnRequestFor(w.buildConfig()));
}

} // namespace

class MainWindowEvaluateTest : public QObject {
    Q_OBJECT
private slots:
    void evaluatesAtTheSetupsBitsWithoutARun()
    {
        MainWindow w;
        w.show();
        prepare(w);
        QAction* evaluate = evaluateAction(w);
        QVERIFY(evaluate);
        QVERIFY(evaluate->isEnabled());
        evaluate->trigger();
        QVERIFY(!evaluate->isEnabled()); // one at a time
        QTRY_VERIFY_WITH_TIMEOUT(w.messageText().contains(QStringLiteral("FP32 top-1")), 120000);
        QVERIFY(evaluate->isEnabled());
        QVERIFY(!w.isRunning());

        // The same figures as the core's comparison at the setup's bits, run here.
        const adaround::RtnReport expected = coreComparison(w);
        QCOMPARE(expected.evalImages, qint64(300));
        QVERIFY(expected.rtn.top1 < expected.fp32.top1 - 5); // 2-bit RTN hurts: the figures differ
        const QLocale locale;
        const QString text = w.messageText();
        QVERIFY2(text.contains(QStringLiteral("FP32 top-1 %1%").arg(locale.toString(expected.fp32.top1, 'f', 2))),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("round-to-nearest %1%").arg(locale.toString(expected.rtn.top1, 'f', 2))),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("all 300 eval images")), qPrintable(text));

        auto* plot = qobject_cast<AccuracyPlot*>(w.dashboard()->plot(QStringLiteral("accuracy")));
        QVERIFY(plot && plot->finalRect());
        QCOMPARE(plot->finalTop1()->dataCount(), 2);
        QCOMPARE(plot->finalTop1()->data()->at(0)->value, expected.fp32.top1);
        QCOMPARE(plot->finalTop1()->data()->at(1)->value, expected.rtn.top1);
        QCOMPARE(plot->finalTop5()->data()->at(1)->value, expected.rtn.top5);
        QVERIFY(plot->finalRect()->axis(QCPAxis::atBottom)->label().contains(QStringLiteral("No AdaRound")));
        QCOMPARE(plot->adaroundGraph()->dataCount(), 0);
    }

    void theTeachingPresetOpensOnTheDamageAtItsOwnBits()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openModel(QStringLiteral(ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt")));
        w.setDataFolders(QStringLiteral(ADAROUND_TEST_DEMO_DIR "/calib"),
                         QStringLiteral(ADAROUND_TEST_SMALL_DEMO_DIR "/eval"));
        QVERIFY(w.layerModel()->bits() != std::vector<int>({8, 2, 2, 2, 8}));
        w.panel()->applyPreset(ConfigPreset::Teaching);
        // The preset's 2 bits (first and last 8) are in the table, and the baseline is evaluated at them.
        QVERIFY(w.layerModel()->bits() == std::vector<int>({8, 2, 2, 2, 8}));
        QTRY_VERIFY_WITH_TIMEOUT(w.messageText().contains(QStringLiteral("FP32 top-1")), 120000);
        const adaround::RtnReport expected = coreComparison(w);
        QVERIFY(expected.rtn.top1 < expected.fp32.top1 - 5); // a gap worth repairing
        QVERIFY2(w.messageText().contains(
                     QStringLiteral("round-to-nearest %1%").arg(QLocale().toString(expected.rtn.top1, 'f', 2))),
                 qPrintable(w.messageText()));
    }

    void closingDuringAnEvaluationEndsIt()
    {
        QElapsedTimer timer;
        {
            MainWindow w;
            w.show();
            prepare(w);
            evaluateAction(w)->trigger();
            timer.start();
        } // destroyed while evaluating: cancelled after its current batch, then joined
        QVERIFY2(timer.elapsed() < 20000, qPrintable(QString::number(timer.elapsed())));
    }
};

QTEST_MAIN(MainWindowEvaluateTest)
#include "main_window_evaluate_test.moc"
