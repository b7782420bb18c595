// LayerTableModel on the real demo model: columns, and per-layer bits editing.
// A QAbstractItemModelTester watches the model through every update.
#include "adaround/bit_plan.h"
#include "adaround/model.h"
#include "adaround/rtn_comparison.h"
#include "layer_table_model.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QSignalSpy>
#include <QtTest>

class LayerTableModelTest : public QObject {
    Q_OBJECT
private slots:
    void showsTheDemoLayers()
    {
        auto model = adaround::Model::load(ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt");
        LayerTableModel table;
        QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::QtTest);
        table.setLayers(model->layers(), adaround::resolveBits(model->layers(), {}));
        QCOMPARE(table.rowCount(), 5);
        QCOMPARE(table.columnCount(), int(LayerTableModel::ColumnCount));
        QCOMPARE(table.index(3, LayerTableModel::Name).data().toString(), QStringLiteral("fc1"));
        QCOMPARE(table.index(3, LayerTableModel::Kind).data().toString(), QStringLiteral("Linear"));
        QCOMPARE(table.index(0, LayerTableModel::Weight).data().toString(), QStringLiteral("16x1x3x3"));
        QCOMPARE(table.index(0, LayerTableModel::BatchNorm).data().toString(), QStringLiteral("bn1"));
        QCOMPARE(table.index(4, LayerTableModel::Activation).data().toString(), QStringLiteral("none"));
        QCOMPARE(table.index(0, LayerTableModel::Bits).data().toString(), QStringLiteral("8"));
        QCOMPARE(table.index(1, LayerTableModel::Bits).data().toString(), QStringLiteral("4"));
        QCOMPARE(table.headerData(LayerTableModel::Bits, Qt::Horizontal).toString(), QStringLiteral("Bits"));

        // Another model replaces the rows (a reset the tester checks), then back to none.
        auto mobilenet = adaround::Model::load(ADAROUND_TEST_MODELS_DIR "/fmnist_mobilenet.pt");
        table.setLayers(mobilenet->layers(), adaround::resolveBits(mobilenet->layers(), {}));
        QCOMPARE(table.rowCount(), 18);
        table.setRtnOnlyLayers({mobilenet->layers()[3].name});
        QCOMPARE(table.index(3, LayerTableModel::AdaRound).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        table.setLayers({}, {});
        QCOMPARE(table.rowCount(), 0);
        table.setBits({0}, 4); // no rows: nothing to change
        table.setRtnOnlyLayers({});
    }

    void showsTheEvaluatedRtnErrorWhileTheBitsStay()
    {
        // A real evaluation of the demo CNN at 2 bits (ends 8), as Run > Evaluate does.
        adaround::AdaRoundConfig config;
        config.modelPath = ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt";
        config.evalDir = ADAROUND_TEST_SMALL_DEMO_DIR "/eval";
        config.bits.defaultBits = 2;
        const adaround::RtnReport report = adaround::compareRoundToNearest(adaround::rtnRequestFor(config));
        auto model = adaround::Model::load(config.modelPath);
        LayerTableModel table;
        QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::QtTest);
        table.setLayers(model->layers(), adaround::resolveBits(model->layers(), config.bits));
        QCOMPARE(table.index(1, LayerTableModel::RtnError).data().toString(), QStringLiteral("-"));
        std::vector<std::pair<std::string, double>> errors;
        std::vector<int> bits;
        for (const auto& l : report.layers) {
            errors.emplace_back(l.layer.name, l.weightRelError);
            bits.push_back(l.bits);
        }
        QSignalSpy changed(&table, &QAbstractItemModel::dataChanged);
        table.setRtnErrors(errors, bits);
        QCOMPARE(changed.count(), 1);
        // 2-bit layers lose far more of their weights than the 8-bit ends.
        const auto percent = [&](int row) {
            return table.index(row, LayerTableModel::RtnError).data().toString().chopped(2).toDouble();
        };
        QCOMPARE(table.index(1, LayerTableModel::RtnError).data().toString(),
                 QString::number(100.0 * report.layers[1].weightRelError, 'g', 3) + QStringLiteral(" %"));
        QVERIFY2(percent(1) > 20 * percent(0), qPrintable(QString::number(percent(1))));
        QVERIFY(percent(0) > 0);
        // Another bit-width makes the figure stale: it is hidden, the others stay.
        table.setBits({1}, 4);
        QCOMPARE(table.index(1, LayerTableModel::RtnError).data().toString(), QStringLiteral("-"));
        QVERIFY(percent(2) > 0);
        QVERIFY(!table.headerData(LayerTableModel::RtnError, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
    }

    void showsEachLayersOverrides()
    {
        auto model = adaround::Model::load(ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt");
        LayerTableModel table;
        QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::QtTest);
        table.setLayers(model->layers(), adaround::resolveBits(model->layers(), {}));
        QCOMPARE(table.headerData(LayerTableModel::Overrides, Qt::Horizontal).toString(), QStringLiteral("Overrides"));
        QSignalSpy changed(&table, &QAbstractItemModel::dataChanged);
        table.setLayerOverrides({{"conv2", {{"lambda", 0.1}, {"iterations", int64_t(500)}}}});
        QCOMPARE(changed.count(), 1);
        QCOMPARE(table.index(1, LayerTableModel::Overrides).data().toString(),
                 QStringLiteral("iterations=500, lambda=0.1"));
        QCOMPARE(table.index(0, LayerTableModel::Overrides).data().toString(), QString());
        table.setLayers(model->layers(), adaround::resolveBits(model->layers(), {})); // kept by name
        QCOMPARE(table.layerOverrides().at("conv2").size(), size_t(2));
    }

    void editsBitsWithinTwoToEight()
    {
        auto model = adaround::Model::load(ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt");
        LayerTableModel table;
        QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::QtTest);
        table.setLayers(model->layers(), adaround::resolveBits(model->layers(), {}));
        QSignalSpy changed(&table, &LayerTableModel::bitsChanged);
        const QModelIndex bits = table.index(2, LayerTableModel::Bits);
        QVERIFY(table.flags(bits) & Qt::ItemIsEditable);
        QVERIFY(!(table.flags(table.index(2, LayerTableModel::Name)) & Qt::ItemIsEditable));
        QVERIFY(table.setData(bits, 3));
        QCOMPARE(table.bits()[2], 3);
        QVERIFY(table.setData(bits, QStringLiteral("fp32")));
        QCOMPARE(table.bits()[2], 0);
        QCOMPARE(bits.data().toString(), QStringLiteral("fp32"));
        QVERIFY(!table.setData(bits, 9));
        QVERIFY(!table.setData(bits, QStringLiteral("abc")));
        QCOMPARE(table.bits()[2], 0);
        QCOMPARE(changed.count(), 2);
    }

    void switchesLayersToRoundToNearest()
    {
        auto model = adaround::Model::load(ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt");
        LayerTableModel table;
        QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::QtTest);
        table.setLayers(model->layers(), adaround::resolveBits(model->layers(), {}));
        QSignalSpy changed(&table, &LayerTableModel::optimisedChanged);
        const QModelIndex box = table.index(1, LayerTableModel::AdaRound);
        QVERIFY(table.flags(box) & Qt::ItemIsUserCheckable);
        QCOMPARE(box.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QVERIFY(table.rtnOnlyLayers().empty());
        QVERIFY(table.setData(box, Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(box.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QCOMPARE(table.rtnOnlyLayers(), std::vector<std::string>{"conv2"});
        QCOMPARE(changed.count(), 1);
        table.setRtnOnlyLayers({"fc1", "fc2"});
        QCOMPARE(table.rtnOnlyLayers(), (std::vector<std::string>{"fc1", "fc2"}));
    }

    // The exported model with ConvTranspose2d, Conv1d and LSTM: two quantizable
    // layers, then three rows "left in float" that nothing edits.
    void layersLeftInFloatAreMarkedAndNotEditable()
    {
        auto model = adaround::Model::load(ADAROUND_TEST_EXPORTS_DIR "/unsupported_layers.pt");
        QCOMPARE(model->floatLayers().size(), size_t(3));
        LayerTableModel table;
        QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::QtTest);
        table.setLayers(model->layers(), adaround::resolveBits(model->layers(), {}));
        table.setFloatLayers(model->floatLayers());
        QCOMPARE(table.rowCount(), 5);
        const QStringList names{QStringLiteral("up"), QStringLiteral("conv1d"), QStringLiteral("lstm")};
        const QStringList kinds{QStringLiteral("ConvTranspose2d"), QStringLiteral("Conv1d"), QStringLiteral("LSTM")};
        for (int r = 2; r < 5; ++r) {
            QVERIFY(table.isFloatRow(r));
            QCOMPARE(table.index(r, LayerTableModel::Name).data().toString(), names[r - 2]);
            QCOMPARE(table.index(r, LayerTableModel::Kind).data().toString(), kinds[r - 2]);
            const QModelIndex bits = table.index(r, LayerTableModel::Bits);
            const QModelIndex box = table.index(r, LayerTableModel::AdaRound);
            QCOMPARE(bits.data().toString(), QStringLiteral("left in float (not quantized)"));
            QVERIFY(!(table.flags(bits) & Qt::ItemIsEditable));
            QVERIFY(!(table.flags(box) & Qt::ItemIsUserCheckable));
            QVERIFY(!box.data(Qt::CheckStateRole).isValid());
            QVERIFY(!table.setData(bits, 4));
            QVERIFY(!table.setData(box, Qt::Unchecked, Qt::CheckStateRole));
            QVERIFY(bits.data(Qt::ToolTipRole).toString().contains(kinds[r - 2]));
        }
        QVERIFY(!table.isFloatRow(1));
        // A selection across every row edits the quantizable layers only.
        QSignalSpy changed(&table, &LayerTableModel::bitsChanged);
        table.setBits({0, 1, 2, 3, 4}, 3);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(table.bits(), (std::vector<int>{3, 3}));
        table.setOptimised({2, 3, 4}, false);
        QVERIFY(table.rtnOnlyLayers().empty());
        // A new bit plan keeps the float rows; another model's (none) removes them.
        table.setLayers(model->layers(), adaround::resolveBits(model->layers(), {}));
        QCOMPARE(table.rowCount(), 5);
        table.setFloatLayers({});
        QCOMPARE(table.rowCount(), 2);
    }

    void bulkEditsOnASelection()
    {
        auto model = adaround::Model::load(ADAROUND_TEST_MODELS_DIR "/fmnist_mobilenet.pt");
        LayerTableModel table;
        QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::QtTest);
        table.setLayers(model->layers(), adaround::resolveBits(model->layers(), {}));
        const QList<int> depthwise = table.depthwiseRows();
        QVERIFY(!depthwise.isEmpty());
        for (int r : depthwise)
            QVERIFY(model->layers()[size_t(r)].isDepthwise());
        QSignalSpy changed(&table, &LayerTableModel::bitsChanged);
        table.setBits(depthwise, 8);
        QCOMPARE(changed.count(), 1); // one change for the whole selection
        for (int r = 0; r < table.rowCount(); ++r)
            if (depthwise.contains(r))
                QCOMPARE(table.bits()[size_t(r)], 8);
        table.setBits({1, 2}, 9); // out of range: ignored
        QCOMPARE(changed.count(), 1);
        table.setOptimised({0, 1}, false);
        QCOMPARE(table.rtnOnlyLayers().size(), size_t(2));
        QCOMPARE(table.rtnOnlyLayers().front(), model->layers()[0].name);
    }

    void marksTheRunningLayer()
    {
        auto model = adaround::Model::load(ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt");
        LayerTableModel table;
        QAbstractItemModelTester tester(&table, QAbstractItemModelTester::FailureReportingMode::QtTest);
        table.setLayers(model->layers(), adaround::resolveBits(model->layers(), {}));
        QSignalSpy changed(&table, &QAbstractItemModel::dataChanged);
        table.setRunningLayer(2);
        QCOMPARE(table.runningLayer(), 2);
        QCOMPARE(changed.count(), 1);
        for (int r = 0; r < table.rowCount(); ++r) {
            const QModelIndex name = table.index(r, LayerTableModel::Name);
            QCOMPARE(name.data(Qt::FontRole).value<QFont>().bold(), r == 2);
            QCOMPARE(name.data(Qt::BackgroundRole).isValid(), r == 2);
            QCOMPARE(name.data().toString(), QString::fromStdString(model->layers()[size_t(r)].name)); // names stay names
        }
        QCOMPARE(table.index(2, LayerTableModel::Index).data().toString(), QStringLiteral("▶ 2"));
        QVERIFY(table.index(2, LayerTableModel::Name).data(Qt::ToolTipRole).toString().contains(QStringLiteral("now")));
        QCOMPARE(table.index(1, LayerTableModel::Name).data(Qt::ToolTipRole).toString(),
                 QString::fromStdString(model->layers()[1].name)); // the full name, however the view elides it
        QCOMPARE(table.index(1, LayerTableModel::Index).data().toInt(), 1);
        table.setRunningLayer(3); // the marker moves: both rows change
        QCOMPARE(changed.count(), 3);
        QVERIFY(!table.index(2, LayerTableModel::Name).data(Qt::FontRole).isValid());
        table.setRunningLayer(3);
        QCOMPARE(changed.count(), 3);
        table.setRunningLayer(-1);
        QCOMPARE(table.runningLayer(), -1);
        table.setRunningLayer(99); // not a layer: no marker
        QCOMPARE(table.runningLayer(), -1);
        table.setRunningLayer(4);
        table.setLayers(model->layers(), adaround::resolveBits(model->layers(), {})); // a new plan: no run
        QCOMPARE(table.runningLayer(), -1);
    }
};

QTEST_MAIN(LayerTableModelTest)
#include "layer_table_model_test.moc"
