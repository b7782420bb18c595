// Run > Per-Layer Sensitivity and Plan on the demo CNN and 100 images of the
// small eval folder: in the background, the layer table's Sensitivity column
// shows each layer's 2-bit drop (equal to the core's analysis) with bars scaled
// to the largest, and Run > Apply Sensitivity Plan gives the layers the plan's
// bits, which the run configuration then carries.
#include "adaround/bit_plan.h"
#include "adaround/sensitivity.h"
#include "layer_table_model.h"
#include "main_window.h"
#include "sensitivity_actions.h"

#include <QAction>
#include <QtTest>

class MainWindowSensitivityTest : public QObject {
    Q_OBJECT
private slots:
    void barsAndAppliedPlan()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openModel(QStringLiteral(ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt")));
        w.setDataFolders(QStringLiteral(ADAROUND_TEST_DEMO_DIR "/calib"),
                         QStringLiteral(ADAROUND_TEST_SMALL_DEMO_DIR "/eval"));
        adaround::AdaRoundConfig c = w.buildConfig();
        c.evalSubset = 100;
        w.applyConfig(c);
        LayerTableModel* table = w.layerModel();
        QCOMPARE(table->headerData(LayerTableModel::Sensitivity, Qt::Horizontal).toString(),
                 QStringLiteral("Sensitivity"));
        QVERIFY(!table->index(0, LayerTableModel::Sensitivity).data(LayerTableModel::SensitivityBarRole).isValid());

        SensitivityActions* s = w.sensitivity();
        QVERIFY(s->analyseAction()->isEnabled());
        QVERIFY(!s->applyAction()->isEnabled()); // no plan yet
        QVERIFY(s->start(3.0));
        QVERIFY(!s->start(3.0)); // one at a time
        QTRY_VERIFY_WITH_TIMEOUT(w.messageText().contains(QStringLiteral("Plan for")), 120000);
        QVERIFY2(w.messageText().contains(QStringLiteral("measured")), qPrintable(w.messageText()));
        QVERIFY(s->applyAction()->isEnabled());

        // The same drops as the core's analysis of the same request.
        adaround::SensitivityAnalysis analysis(adaround::sensitivityRequestFor(w.buildConfig(), {2}));
        const adaround::SensitivityReport expected = analysis.run();
        QCOMPARE(expected.evalImages, qint64(100));
        QCOMPARE(table->headerData(LayerTableModel::Sensitivity, Qt::Horizontal).toString(),
                 QStringLiteral("Drop at 2 bits"));
        double largestShare = 0;
        for (int row = 0; row < 5; ++row) {
            QCOMPARE(table->sensitivity()[size_t(row)], expected.layers[size_t(row)].bits.at(2).drop);
            const QVariant share = table->index(row, LayerTableModel::Sensitivity).data(LayerTableModel::SensitivityBarRole);
            QVERIFY(share.isValid());
            QVERIFY(share.toDouble() >= 0 && share.toDouble() <= 1);
            largestShare = std::max(largestShare, share.toDouble());
        }
        QCOMPARE(largestShare, 1.0);

        // Apply: every layer gets its planned bits, and the run's configuration says so.
        QVERIFY(s->hasPlan());
        const std::vector<int> planned = s->plan().bits;
        QVERIFY(s->plan().averageBits() <= 3.0);
        s->applyAction()->trigger();
        QCOMPARE(table->bits(), planned);
        const adaround::AdaRoundConfig after = w.buildConfig();
        QCOMPARE(adaround::resolveBits(table->layers(), after.bits), planned);
        QVERIFY(w.messageText().contains(QStringLiteral("Applied the sensitivity plan")));
    }
};

QTEST_MAIN(MainWindowSensitivityTest)
#include "main_window_sensitivity_test.moc"
