// The workbench window opens the demo model and shows a clear error for a bad one.
#include "layer_table_model.h"
#include "main_window.h"

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
        auto* table = w.findChild<QTableView*>();
        QVERIFY(table);
        QCOMPARE(table->model()->rowCount(), 18);
        // Default plan: first and last layer at 8 bits, the rest at 4.
        QCOMPARE(w.layerModel()->bits().front(), 8);
        QCOMPARE(w.layerModel()->bits()[1], 4);
        QCOMPARE(w.layerModel()->bits().back(), 8);
    }

    void badModelShowsErrorAndKeepsPreviousTable()
    {
        MainWindow w;
        QVERIFY(w.openModel(QStringLiteral(ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt")));
        QVERIFY(!w.openModel(QStringLiteral(ADAROUND_TEST_MODELS_DIR "/demo_models.json")));
        QVERIFY(w.lastError().contains(QStringLiteral("not a TorchScript archive")));
        QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("demo_models.json")));
        QCOMPARE(w.layerModel()->rowCount(), 5); // the previous model's table stays
    }
};

QTEST_MAIN(MainWindowTest)
#include "main_window_test.moc"
