// Real runs in the window on the demo: cancel ends cleanly, closing the window
// during a run cancels and waits, and a short run's final accuracies shown in
// the window are those of the run.
#include "hyperparameter_panel.h"
#include "main_window.h"
#include "run_controller.h"

#include <QSignalSpy>
#include <QtTest>

namespace {

// A short run: few iterations, a small calibration set and eval subset.
void prepare(MainWindow& w, int iterations)
{
    QVERIFY(w.openModel(QStringLiteral(ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt")));
    w.setDataFolders(QStringLiteral(ADAROUND_TEST_DEMO_DIR "/calib"), QStringLiteral(ADAROUND_TEST_DEMO_DIR "/eval"));
    adaround::AdaRoundConfig c = w.buildConfig();
    c.iterations = iterations;
    c.calibSize = 256;
    c.evalSubset = 200;
    c.bits = {2, 8, {}};
    c.statsInterval = 10;
    w.applyConfig(c);
}

QString percent(double v)
{
    return QString::number(v, 'f', 2) + QLatin1Char('%');
}

} // namespace

class MainWindowRunTest : public QObject {
    Q_OBJECT
private slots:
    void cancelDuringARunEndsCleanly()
    {
        MainWindow w;
        w.show();
        prepare(w, 300);
        QSignalSpy ended(&w, &MainWindow::runEnded);
        QVERIFY(w.startRun());
        QVERIFY(w.isRunning());
        QVERIFY(!w.startRun()); // one run at a time
        QTRY_VERIFY_WITH_TIMEOUT(w.progress().iterationsDone() >= 20, 120000);
        w.cancelRun();
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 60000);
        QVERIFY(!w.isRunning());
        QVERIFY(w.controller()->result().end == adaround::RunEnd::Cancelled);
        QVERIFY(w.finalAccuracyText().isEmpty());
        QVERIFY(w.messageText().isEmpty()); // a cancel is not an error
    }

    void pauseHoldsTheRun()
    {
        MainWindow w;
        prepare(w, 300);
        QVERIFY(w.startRun());
        QTRY_VERIFY_WITH_TIMEOUT(w.progress().iterationsDone() >= 10, 120000);
        w.setPaused(true);
        QTest::qWait(300); // events already queued land; then nothing moves
        const int held = w.progress().iterationsDone();
        QTest::qWait(700);
        QCOMPARE(w.progress().iterationsDone(), held);
        w.setPaused(false);
        QTRY_VERIFY_WITH_TIMEOUT(w.progress().iterationsDone() > held, 60000);
        w.cancelRun();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isRunning(), 60000);
    }

    void closingTheWindowCancelsAndWaits()
    {
        auto* w = new MainWindow;
        w->show();
        prepare(*w, 300);
        QVERIFY(w->startRun());
        QTRY_VERIFY_WITH_TIMEOUT(w->progress().iterationsDone() >= 10, 120000);
        QVERIFY(w->close());
        QVERIFY(!w->isRunning());
        QVERIFY(w->controller()->result().end == adaround::RunEnd::Cancelled);
        delete w;
    }

    void shortRunShowsTheRunsAccuracies()
    {
        MainWindow w;
        w.show();
        prepare(w, 100);
        QSignalSpy ended(&w, &MainWindow::runEnded);
        QVERIFY(w.startRun());
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 280000);
        const adaround::RunResult& r = w.controller()->result();
        QVERIFY2(r.end == adaround::RunEnd::Completed, r.error.c_str());
        QCOMPARE(int(r.layers.size()), 5);
        const QString shown = w.finalAccuracyText();
        QVERIFY2(shown.contains(QStringLiteral("FP32 ") + percent(r.final.fp32.top1)), qPrintable(shown));
        QVERIFY2(shown.contains(QStringLiteral("RTN ") + percent(r.final.rtn.top1)), qPrintable(shown));
        QVERIFY2(shown.contains(QStringLiteral("AdaRound ") + percent(r.final.adaround.top1)), qPrintable(shown));
        QVERIFY(r.final.fp32.top1 > 80);
        QCOMPARE(w.progress().iterationsDone(), 500);
        QCOMPARE(w.progress().overallFraction(), 1.0);
    }
};

QTEST_MAIN(MainWindowRunTest)
#include "main_window_run_test.moc"
