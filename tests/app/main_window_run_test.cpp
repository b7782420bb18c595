// Real runs in the window on the demo: cancel ends cleanly and leaves a
// cancelled log, closing the window during a run cancels and waits, a short
// run's final accuracies shown in the window are those in its log, and opening
// and comparing logs shows their data.
#include "adaround/run_log.h"
#include "hyperparameter_panel.h"
#include "layer_table_model.h"
#include "main_window.h"
#include "run_controller.h"
#include "run_dashboard.h"
#include "run_event_bridge.h"

#include <QAbstractItemModel>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QElapsedTimer>
#include <QPointer>
#include <QtTest>

#include "app_test_support.h"

namespace {

QString percent(double v)
{
    return QString::number(v, 'f', 2) + QLatin1Char('%');
}

} // namespace

class MainWindowRunTest : public QObject {
    Q_OBJECT
    QTemporaryDir runs_;
    QString cancelledLog_, completedLog_;

private slots:
    void cancelDuringARunEndsCleanly()
    {
        MainWindow w;
        w.show();
        apptest::prepareShortRun(w, 300, runs_.path());
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

        cancelledLog_ = w.controller()->logPath();
        QVERIFY(cancelledLog_.startsWith(runs_.path()));
        const adaround::RunLog log = adaround::readRunLog(cancelledLog_.toStdString());
        QCOMPARE(log.info.status, std::string("cancelled"));
        QCOMPARE(log.info.application, std::string("adaround-workbench"));
        QCOMPARE(log.info.qtVersion, std::string(qVersion()));
        QVERIFY(!log.record.iterations.empty());
    }

    void pauseHoldsTheRun()
    {
        MainWindow w;
        apptest::prepareShortRun(w, 300, runs_.path());
        QVERIFY(w.startRun());
        QTRY_VERIFY_WITH_TIMEOUT(w.progress().iterationsDone() >= 10, 120000);
        w.setPaused(true);
        QVERIFY(w.controller()->isPaused());
        // Events the worker sent before it stopped still land, however late on a
        // busy machine; then it stays quiet. Only a window without events shows
        // that, so wait for events until one does not come within a second.
        QSignalSpy events(w.controller()->events(), &RunEventBridge::runEvent);
        while (events.wait(1000)) {
            events.clear();
            QVERIFY2(w.isRunning(), "the run went on to its end while paused");
        }
        QVERIFY(w.isRunning());
        const int held = w.progress().iterationsDone();
        QVERIFY(held < 5 * 300);
        w.setPaused(false);
        QTRY_VERIFY_WITH_TIMEOUT(w.progress().iterationsDone() > held, 60000);
        w.cancelRun();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isRunning(), 60000);
    }

    // Closing during a run cancels it without blocking the GUI thread: close()
    // returns while the worker still ends its step (a blocking close would have
    // waited for it), the window is gone at once, and it closes for good, with
    // a cancelled log, once the run has ended.
    void closingTheWindowCancelsWithoutBlocking()
    {
        QPointer<MainWindow> w = new MainWindow;
        w->setAttribute(Qt::WA_DeleteOnClose); // as the application's window: gone once really closed
        w->setConfirmCloseDuringRun(false);    // the question is main_window_close_test's
        w->show();
        apptest::prepareShortRun(*w, 300, runs_.path());
        QVERIFY(w->startRun());
        QTRY_VERIFY_WITH_TIMEOUT(w->progress().iterationsDone() >= 10, 120000);
        adaround::RunEnd end = adaround::RunEnd::Completed;
        QString log;
        connect(w, &MainWindow::runEnded, this, [&] {
            end = w->controller()->result().end;
            log = w->controller()->logPath();
        });
        QElapsedTimer timer;
        timer.start();
        QVERIFY(!w->close()); // not yet: the run is ending
        const qint64 blockedMs = timer.elapsed();
        QVERIFY(w->isRunning()); // a blocking close would have waited for the worker
        QVERIFY(w->isVisible() && !w->menuBar()->isEnabled()); // saying so, until the run has ended
        QTRY_VERIFY_WITH_TIMEOUT(w.isNull(), 60000); // closed for good once the run ended
        qInfo("close() returned after %lld ms; the window closed %lld ms after it", blockedMs, timer.elapsed());
        QVERIFY(end == adaround::RunEnd::Cancelled);
        QCOMPARE(adaround::readRunLog(log.toStdString()).info.status, std::string("cancelled"));
    }

    void shortRunShowsTheRunsAccuracies()
    {
        MainWindow w;
        w.show();
        apptest::prepareShortRun(w, 100, runs_.path());
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

        // The figures shown are those the log keeps.
        completedLog_ = w.controller()->logPath();
        const adaround::RunLog log = adaround::readRunLog(completedLog_.toStdString());
        QCOMPARE(log.info.status, std::string("completed"));
        QVERIFY(log.record.finished);
        QVERIFY(shown.contains(QStringLiteral("FP32 ") + percent(log.record.finished->fp32.top1)));
        QVERIFY(shown.contains(QStringLiteral("RTN ") + percent(log.record.finished->rtn.top1)));
        QVERIFY(shown.contains(QStringLiteral("AdaRound ") + percent(log.record.finished->adaround.top1)));
        QCOMPARE(w.dashboard()->layerTable()->rowCount(), 5);
    }

    void openingALogShowsItsData()
    {
        QVERIFY(!completedLog_.isEmpty());
        const adaround::RunLog log = adaround::readRunLog(completedLog_.toStdString());
        MainWindow w;
        w.show();
        QVERIFY(w.dashboard()->layerTable()->rowCount() == 0);
        QVERIFY(w.openLog(completedLog_));
        QCOMPARE(w.dashboard()->layerTable()->rowCount(), int(log.record.layers.size()));
        QCOMPARE(w.layerModel()->rowCount(), 0); // viewing a run leaves the setup alone
        QVERIFY(w.useShownRunSettings());
        QCOMPARE(w.buildConfig().iterations, 100); // now the run's settings are in the setup
        QCOMPARE(w.layerModel()->rowCount(), 5);
        QCOMPARE(w.finalAccuracyText(),
                 QStringLiteral("Top-1: FP32 %1 · RTN %2 · AdaRound %3")
                     .arg(percent(log.record.finished->fp32.top1), percent(log.record.finished->rtn.top1),
                          percent(log.record.finished->adaround.top1)));
        // A broken file is a message, and the shown run stays.
        QVERIFY(!w.openLog(QStringLiteral(ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt")));
        QVERIFY(w.messageText().contains(QStringLiteral("Could not open the run log")));
        QCOMPARE(w.dashboard()->layerTable()->rowCount(), int(log.record.layers.size()));
    }

    // Cancelled before the worker loaded the images: RunCancelled is the run's only
    // event. The window, the dashboard and the log all say so; the log opens, and
    // is not overlaid (it has no curves).
    void cancelWhileLoadingEndsBeforeTheFirstLayer()
    {
        QVERIFY(!completedLog_.isEmpty());
        MainWindow w;
        w.show();
        QVERIFY(w.openLog(completedLog_)); // a previous run on screen: its 5 layers must not be counted
        apptest::prepareShortRun(w, 300, runs_.path());
        QSignalSpy ended(&w, &MainWindow::runEnded);
        QSignalSpy events(w.controller()->events(), &RunEventBridge::runEvent);
        QVERIFY(w.startRun());
        w.cancelRun(); // image loading checks it after its first chunk
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 60000);
        const adaround::RunResult& r = w.controller()->result();
        QVERIFY(r.end == adaround::RunEnd::Cancelled);
        QVERIFY(!r.hasStarted);
        QCOMPARE(events.count(), 1);
        QVERIFY(w.messageText().isEmpty());
        auto* banner = w.dashboard()->findChild<QLabel*>(QStringLiteral("runBanner"));
        QVERIFY(banner && !banner->isHidden());
        QVERIFY2(banner->text().contains(QStringLiteral("while loading")), qPrintable(banner->text()));
        QCOMPARE(w.dashboard()->layerTable()->rowCount(), 0);

        const QString path = w.controller()->logPath();
        const adaround::RunLog log = adaround::readRunLog(path.toStdString());
        QCOMPARE(log.info.status, std::string("cancelled"));
        QVERIFY(!log.record.hasStarted);
        QVERIFY(w.openLog(completedLog_));
        QVERIFY(!w.compareWith(path));
        QVERIFY2(w.messageText().contains(QStringLiteral("before its first layer")), qPrintable(w.messageText()));
        QVERIFY(w.openLog(path));
        QVERIFY(banner->text().contains(QStringLiteral("while loading")));
        QCOMPARE(w.dashboard()->layerTable()->rowCount(), 0);
        QCOMPARE(w.buildConfig().iterations, 300); // the setup stays: viewing never changes it
        QVERIFY(!w.useShownRunSettings());         // and this log has no configuration to use
        QCOMPARE(w.buildConfig().iterations, 300);
    }

    void comparingNamesTheDifferingSettings()
    {
        QVERIFY(!completedLog_.isEmpty() && !cancelledLog_.isEmpty());
        MainWindow w;
        QVERIFY(!w.compareWith(cancelledLog_)); // nothing shown to compare with
        QVERIFY(w.openLog(completedLog_));
        QVERIFY(w.compareWith(cancelledLog_));
        QVERIFY2(w.statusBar()->currentMessage().contains(QStringLiteral("iterations=300")),
                 qPrintable(w.statusBar()->currentMessage()));
    }
};

QTEST_MAIN(MainWindowRunTest)
#include "main_window_run_test.moc"
