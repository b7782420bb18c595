// Teach > Stochastic-Rounding Study on the demo CNN and the small eval folder:
// the study runs in the background (the event loop keeps turning while it
// goes), its plots fill, it ends completed with its log written, the log opens
// back in the window, and Cancel stops a study that is going.
#include "adaround/study_log.h"
#include "main_window.h"
#include "study_histogram_plot.h"
#include "study_view.h"
#include "study_window.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

namespace {

StudyWindow* openStudyWindow(MainWindow& w)
{
    for (QAction* a : w.findChildren<QAction*>())
        if (a->text().contains(QStringLiteral("Stochastic-Rounding Study"))) {
            a->trigger();
            return w.findChild<StudyWindow*>();
        }
    return nullptr;
}

} // namespace

class StudyWindowTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(dataHome_.isValid());
        qputenv("XDG_DATA_HOME", dataHome_.path().toUtf8()); // study logs go here, not to the user's folder
    }

    void runsInTheBackgroundAndWritesItsLog()
    {
        MainWindow w;
        QVERIFY(w.openModel(QStringLiteral(ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt")));
        w.setDataFolders(QStringLiteral(ADAROUND_TEST_DEMO_DIR "/calib"),
                         QStringLiteral(ADAROUND_TEST_SMALL_DEMO_DIR "/eval"));
        adaround::AdaRoundConfig c = w.buildConfig();
        c.calibSize = 64;
        c.threads = 2;
        w.applyConfig(c);
        StudyWindow* study = openStudyWindow(w);
        QVERIFY(study);
        QVERIFY(study->isVisible());
        QCOMPARE(study->layerBox()->currentText(), QStringLiteral("conv1"));
        study->bitsBox()->setValue(3);
        study->samplesBox()->setValue(3);
        study->subsetBox()->setValue(60);
        QSignalSpy finished(study, &StudyWindow::studyFinished);
        int ticks = 0; // the GUI thread's timer keeps firing while the study runs
        QTimer tick;
        connect(&tick, &QTimer::timeout, [&] { ++ticks; });
        tick.start(10);
        QVERIFY(study->startStudy());
        QVERIFY(study->isRunning());
        QVERIFY(finished.wait(120000));
        QVERIFY(ticks > 3);
        const adaround::StudyRecord& r = study->record();
        QCOMPARE(r.end, adaround::RunEnd::Completed);
        QCOMPARE(r.samples.size(), size_t(3));
        QCOMPARE(r.started.evalImages, int64_t(60));
        QVERIFY2(study->view()->histogram()->titleText().contains(QStringLiteral("of 3 random roundings")),
                 qPrintable(study->view()->histogram()->titleText()));

        // The log it wrote holds the same samples, and opens back in the window.
        const QString dir = QString::fromStdString(adaround::defaultStudiesDir());
        const QStringList logs = QDir(dir).entryList({QStringLiteral("study-*.h5")});
        QCOMPARE(logs.size(), 1);
        const adaround::StudyLog log = adaround::readStudyLog((dir + "/" + logs.front()).toStdString());
        QCOMPARE(log.record.samples.size(), size_t(3));
        QCOMPARE(log.record.samples[2].point.top1, r.samples[2].point.top1);
        QVERIFY(study->openStudyLog(dir + "/" + logs.front()));
        QCOMPARE(study->record().samples.size(), size_t(3));

        // Cancel stops a long study at its next step.
        study->samplesBox()->setValue(500);
        QVERIFY(study->startStudy());
        QTRY_VERIFY_WITH_TIMEOUT(!study->record().samples.empty() || !study->isRunning(), 60000);
        study->cancelStudy();
        QVERIFY(finished.wait(60000));
        QCOMPARE(study->record().end, adaround::RunEnd::Cancelled);
        QVERIFY(study->record().samples.size() < 500);
    }

private:
    QTemporaryDir dataHome_;
};

QTEST_MAIN(StudyWindowTest)
#include "study_window_test.moc"
