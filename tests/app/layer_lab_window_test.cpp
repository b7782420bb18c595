// Run > Layer Lab on the demo CNN, the real calibration images and 100 images
// of the small eval folder: the inputs are captured in the background, three
// attempts with other knobs are listed by what they changed and overlaid
// (their figures those of the core's lab on the same request), and "Apply to
// Run Setup" makes an attempt's knobs the layer's overrides, undoably.
#include "adaround/layer_lab.h"
#include "adaround/layer_overrides.h"
#include "lab_attempts_model.h"
#include "lab_plots.h"
#include "layer_lab_window.h"
#include "layer_table_model.h"
#include "main_window.h"

#include <QAction>
#include <QComboBox>
#include <QUndoStack>
#include <QtTest>
#include <qcustomplot.h>

class LayerLabWindowTest : public QObject {
    Q_OBJECT
private slots:
    void attemptsAreListedOverlaidAndApplied()
    {
        MainWindow w;
        w.setConfirmCloseDuringRun(false);
        QVERIFY(w.openModel(QStringLiteral(ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt")));
        w.setDataFolders(QStringLiteral(ADAROUND_TEST_DEMO_DIR "/calib"),
                         QStringLiteral(ADAROUND_TEST_SMALL_DEMO_DIR "/eval"));
        adaround::AdaRoundConfig c = w.buildConfig();
        c.iterations = 120;
        c.calibSize = 128;
        c.evalSubset = 100;
        c.bits = {3, 8, {}};
        c.histogramInterval = 40;
        c.statsInterval = 10;
        w.applyConfig(c);
        QVERIFY(w.showLayerLab(QStringLiteral("conv2")));
        LayerLabWindow* lab = w.layerLab();
        QCOMPARE(lab->layerBox()->currentText(), QStringLiteral("conv2"));

        QSignalSpy opened(lab, &LayerLabWindow::opened);
        QVERIFY(lab->capture());
        QVERIFY(!lab->capture()); // one job at a time
        QVERIFY(opened.wait(120000));
        const adaround::LabSetup& setup = lab->runner()->setup();
        QCOMPARE(setup.layer.name, std::string("conv2"));
        QCOMPARE(setup.bits, 3);
        QCOMPARE(setup.evalImages, qint64(100));

        QSignalSpy done(lab, &LayerLabWindow::attemptFinished);
        QVERIFY(lab->runAttempt());
        QVERIFY(done.wait(120000));
        QVERIFY(lab->setKnob("lambda", 0.1));
        QVERIFY(lab->runAttempt());
        QVERIFY(done.wait(120000));
        QVERIFY(lab->setKnob("lambda", c.lambda));
        QVERIFY(lab->setKnob("schedule", std::string("cosine")));
        QVERIFY(lab->setKnob("bits", int64_t(2)));
        const adaround::AdaRoundConfig third = lab->attemptKnobs();
        QVERIFY(lab->runAttempt());
        QVERIFY(done.wait(120000));

        LabAttemptsModel* attempts = lab->attempts();
        QCOMPARE(attempts->rowCount(), 3);
        QCOMPARE(attempts->index(0, LabAttemptsModel::Name).data().toString(), QStringLiteral("1. as the run setup"));
        QCOMPARE(attempts->index(1, LabAttemptsModel::Name).data().toString(), QStringLiteral("2. lambda=0.1"));
        QCOMPARE(attempts->index(2, LabAttemptsModel::Name).data().toString(),
                 QStringLiteral("3. bits=2, schedule=cosine"));
        QCOMPARE(attempts->index(2, LabAttemptsModel::Bits).data().toInt(), 2);
        QVERIFY(attempts->index(0, LabAttemptsModel::Top1).data().toString().endsWith(QStringLiteral(" %")));

        // The third attempt is the core lab's on the same request and knobs.
        adaround::LabRequest request;
        request.config = w.buildConfig();
        request.layer = "conv2";
        std::string error;
        struct Quiet : adaround::RunObserver {
            void onEvent(const adaround::RunEvent&) override {}
        } quiet;
        adaround::RunControl control;
        const auto core = adaround::LayerLab::open(request, quiet, control, &error);
        QVERIFY2(core, error.c_str());
        const adaround::LabAttempt expected = core->attempt(third, quiet, control);
        const adaround::LabAttempt& shown = *attempts->entries()[2].attempt;
        QVERIFY(shown.weights.codes == expected.weights.codes);
        QCOMPARE(shown.summary.recMseHard, expected.summary.recMseHard);
        QCOMPARE(shown.accuracy.top1, expected.accuracy.top1);

        // Overlaid: one loss curve per shown attempt; unchecking one removes it.
        QCOMPARE(lab->plots()->lossPlot()->graphCount(), 3);
        QCOMPARE(lab->plots()->settledPlot()->graphCount(), 3);
        QCOMPARE(lab->plots()->histogramPlot()->graphCount(), 3);
        QVERIFY(attempts->setData(attempts->index(0, LabAttemptsModel::Name), Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(lab->plots()->lossPlot()->graphCount(), 2);

        // Apply the second attempt: conv2 gets lambda 0.1 in the setup; Undo takes it back.
        QSignalSpy applied(lab, &LayerLabWindow::applyRequested);
        lab->findChild<QTableView*>()->selectRow(1);
        const auto buttons = lab->findChildren<QPushButton*>();
        QPushButton* apply = nullptr;
        for (QPushButton* b : buttons)
            if (b->text() == QStringLiteral("Apply to Run Setup"))
                apply = b;
        QVERIFY(apply && apply->isEnabled());
        apply->click();
        QCOMPARE(applied.count(), 1);
        QVERIFY(w.layerModel()->layerOverrides().at("conv2").at("lambda") == adaround::KnobValue(0.1));
        QCOMPARE(adaround::layerConfig(w.buildConfig(), "conv2").lambda, 0.1);
        QCOMPARE(adaround::layerConfig(w.buildConfig(), "conv3").lambda, c.lambda);
        w.setupUndoStack()->undo();
        QVERIFY(w.layerModel()->layerOverrides().count("conv2") == 0);
        // Apply the third: its bits go to the layer table, its schedule to the overrides.
        lab->findChild<QTableView*>()->selectRow(2);
        apply->click();
        QCOMPARE(w.layerModel()->bits()[1], 2);
        QVERIFY(adaround::layerConfig(w.buildConfig(), "conv2").schedule == adaround::BetaSchedule::Cosine);
    }

    void aBadContextIsSaidAndNothingIsLost()
    {
        MainWindow w;
        QVERIFY(!w.showLayerLab()); // no model: said, nothing opened
        QVERIFY(w.messageText().contains(QStringLiteral("Open a model")));
        QVERIFY(w.openModel(QStringLiteral(ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt")));
        w.setDataFolders(QStringLiteral("/nonexistent/calib"), QStringLiteral(ADAROUND_TEST_SMALL_DEMO_DIR "/eval"));
        QVERIFY(w.showLayerLab(QStringLiteral("conv1")));
        QSignalSpy failed(w.layerLab(), &LayerLabWindow::failed);
        QVERIFY(w.layerLab()->capture());
        QVERIFY(failed.wait(60000));
        QVERIFY2(failed.first().first().toString().contains(QStringLiteral("/nonexistent/calib")),
                 qPrintable(failed.first().first().toString()));
        QVERIFY(!w.layerLab()->runAttempt()); // nothing captured
    }
};

QTEST_MAIN(LayerLabWindowTest)
#include "layer_lab_window_test.moc"
