// The workbench window: opening models, and the setup (layer table, panel,
// folders) turning into the run configuration.
#include "hyperparameter_panel.h"
#include "layer_editor.h"
#include "layer_table_model.h"
#include "main_window.h"

#include <QDoubleSpinBox>

#include <QLabel>
#include <QStatusBar>
#include <QTableView>
#include <QtTest>

class MainWindowTest : public QObject {
    Q_OBJECT
private slots:
    void opensDemoModel()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openModel(QStringLiteral(ADAROUND_TEST_MODELS_DIR "/fmnist_mobilenet.pt")));
        QCOMPARE(w.layerModel()->rowCount(), 18);
        QTableView* table = w.layerEditor()->view(); // the window has other tables (the run browser)
        QVERIFY(table);
        QCOMPARE(table->model()->rowCount(), 18);
        // Default plan: first and last layer at 8 bits, the rest at 4.
        QCOMPARE(w.layerModel()->bits().front(), 8);
        QCOMPARE(w.layerModel()->bits()[1], 4);
        QCOMPARE(w.layerModel()->bits().back(), 8);
    }

    // ConvTranspose2d, Conv1d and LSTM stay in float: listed after the quantizable
    // layers, marked, and out of the configuration; the next model clears them.
    void layersLeftInFloatAreListed()
    {
        MainWindow w;
        QVERIFY(w.openModel(QStringLiteral(ADAROUND_TEST_EXPORTS_DIR "/unsupported_layers.pt")));
        LayerTableModel* table = w.layerModel();
        QCOMPARE(table->rowCount(), 5);
        QCOMPARE(int(table->bits().size()), 2);
        QCOMPARE(table->index(4, LayerTableModel::Name).data().toString(), QStringLiteral("lstm"));
        QCOMPARE(table->index(4, LayerTableModel::Bits).data().toString(), QStringLiteral("left in float (not quantized)"));
        const adaround::AdaRoundConfig c = w.buildConfig();
        QVERIFY(c.bits.overrides.empty());
        QVERIFY(c.rtnOnlyLayers.empty());
        QVERIFY(w.openModel(QStringLiteral(ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt")));
        QCOMPARE(table->rowCount(), 5);
        QVERIFY(table->floatLayers().empty());
    }

    void badModelShowsErrorAndKeepsPreviousTable()
    {
        MainWindow w;
        QVERIFY(w.openModel(QStringLiteral(ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt")));
        QVERIFY(!w.openModel(QStringLiteral(ADAROUND_TEST_MODELS_DIR "/demo_models.json")));
        QVERIFY(w.lastError().contains(QStringLiteral("not a TorchScript archive")));
        // Once, in the message bar: not also in the status bar.
        QVERIFY(!w.statusBar()->currentMessage().contains(QStringLiteral("not a TorchScript archive")));
        QCOMPARE(w.layerModel()->rowCount(), 5); // the previous model's table stays
        QVERIFY(w.messageText().contains(QStringLiteral("not a TorchScript archive")));
    }

    void editsInTheTableAndPanelChangeTheConfig()
    {
        MainWindow w;
        QVERIFY(w.openModel(QStringLiteral(ADAROUND_TEST_MODELS_DIR "/fmnist_mobilenet.pt")));
        w.setDataFolders(QStringLiteral("/data/calib"), QStringLiteral("/data/eval"));
        adaround::AdaRoundConfig c = w.buildConfig();
        QVERIFY(c.bits.overrides.empty());
        QVERIFY(c.rtnOnlyLayers.empty());
        QCOMPARE(c.calibDir, std::string("/data/calib"));
        QVERIFY(QString::fromStdString(c.modelPath).endsWith(QStringLiteral("fmnist_mobilenet.pt")));

        // Bulk edit: every depthwise conv to 8 bits, through the editor's selection.
        LayerTableModel* table = w.layerModel();
        w.layerEditor()->selectDepthwise();
        const QList<int> depthwise = w.layerEditor()->selectedRows();
        QCOMPARE(depthwise, table->depthwiseRows());
        w.layerEditor()->setSelectedBits(8);
        w.layerEditor()->setSelectedOptimised(false);
        c = w.buildConfig();
        QCOMPARE(c.bits.overrides.size(), size_t(depthwise.size()));
        for (const auto& [name, bits] : c.bits.overrides)
            QCOMPARE(bits, 8);
        QCOMPARE(c.rtnOnlyLayers.size(), size_t(depthwise.size()));
        QCOMPARE(c.rtnOnlyLayers.front(), table->layers()[size_t(depthwise.front())].name);
        // One bits cell edited by hand.
        QVERIFY(table->setData(table->index(2, LayerTableModel::Bits), 3));
        c = w.buildConfig();
        QVERIFY(std::find(c.bits.overrides.begin(), c.bits.overrides.end(),
                          std::pair<std::string, int>(table->layers()[2].name, 3)) != c.bits.overrides.end());

        // The panel: λ, and the default bits re-plan the layers not set by hand (the
        // depthwise convs and layer 2 keep theirs; the layers kept off stay off).
        auto* lambda = qobject_cast<QDoubleSpinBox*>(w.panel()->editor("lambda"));
        auto* bits = qobject_cast<QSpinBox*>(w.panel()->editor("bits"));
        QVERIFY(lambda && bits);
        lambda->setValue(0.05);
        bits->setValue(3);
        c = w.buildConfig();
        QCOMPARE(c.lambda, 0.05);
        QCOMPARE(c.bits.defaultBits, 3);
        for (size_t i = 1; i + 1 < table->bits().size(); ++i)
            QCOMPARE(table->bits()[i], depthwise.contains(int(i)) && i != 2 ? 8 : 3);
        QCOMPARE(c.bits.overrides.size(), size_t(depthwise.size() - depthwise.contains(2)));
        QCOMPARE(c.rtnOnlyLayers.size(), size_t(depthwise.size()));
        QVERIFY_THROWS_NO_EXCEPTION(c.validate());

        // And back: a config with overrides shows in the table.
        c.bits.overrides = {{table->layers()[4].name, 6}};
        c.rtnOnlyLayers = {table->layers()[5].name};
        w.applyConfig(c);
        QCOMPARE(table->bits()[4], 6);
        QCOMPARE(table->rtnOnlyLayers(), c.rtnOnlyLayers);
        QCOMPARE(w.buildConfig().bits.overrides, c.bits.overrides);
    }

    void runNeedsFoldersAndSaysSo()
    {
        MainWindow w;
        QVERIFY(!w.startRun());
        QVERIFY(w.messageText().contains(QStringLiteral("Open a model first")));
        QVERIFY(w.openModel(QStringLiteral(ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt")));
        QVERIFY(!w.startRun());
        QVERIFY(w.messageText().contains(QStringLiteral("calibration and evaluation image folders")));
        QVERIFY(!w.isRunning());
    }
};

QTEST_MAIN(MainWindowTest)
#include "main_window_test.moc"
