// Run > Design-Choice Ablation on the demo CNN and the small eval folder: the
// window runs the chosen variants over two seeds in the background and shows
// the core's result as a table and a bar chart with error bars; results save
// and open again; a file that is not a result is said, not shown.
#include "ablation_chart.h"
#include "ablation_window.h"
#include "main_window.h"

#include <QAction>
#include <QListWidget>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

class AblationWindowTest : public QObject {
    Q_OBJECT
private slots:
    void runsShowsSavesAndOpens()
    {
        MainWindow w;
        QVERIFY(w.openModel(QStringLiteral(ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt")));
        w.setDataFolders(QStringLiteral(ADAROUND_TEST_DEMO_DIR "/calib"),
                         QStringLiteral(ADAROUND_TEST_SMALL_DEMO_DIR "/eval"));
        adaround::AdaRoundConfig c = w.buildConfig();
        c.iterations = 30;
        c.calibSize = 64;
        c.bits = {3, 8, {}};
        w.applyConfig(c);
        QAction* action = w.findChild<QAction*>(QStringLiteral("ablation"));
        QVERIFY(action);
        action->trigger();
        AblationWindow* a = w.ablationWindow();
        QVERIFY(a->isVisible());
        for (int i = 0; i < a->variantList()->count(); ++i) {
            const QString name = a->variantList()->item(i)->text();
            const bool keep = name == QLatin1String("default") || name == QLatin1String("ste") ||
                              name == QLatin1String("rtn");
            a->variantList()->item(i)->setCheckState(keep ? Qt::Checked : Qt::Unchecked);
        }
        a->seedsBox()->setValue(2);
        QSignalSpy finished(a, &AblationWindow::finished);
        QVERIFY(a->start());
        QVERIFY(!a->start()); // one at a time
        QVERIFY(finished.wait(240000));
        QVERIFY2(a->statusText().startsWith(QStringLiteral("Done")), qPrintable(a->statusText()));

        const adaround::AblationResult& r = a->result();
        QCOMPARE(int(r.rows.size()), 3);
        QCOMPARE(a->table()->rowCount(), 3);
        QCOMPARE(a->table()->item(1, 0)->text(), QStringLiteral("ste"));
        QCOMPARE(a->table()->item(1, 1)->text(), QString::number(r.rows[1].mean(), 'f', 2));
        QCOMPARE(a->table()->item(2, 4)->text(), QStringLiteral("-")); // rtn has no rec MSE
        // The chart: two bars (default and ste), their error bars, the title says the seeds.
        QCOMPARE(a->chart()->bars()->data()->size(), 1); // ste, grey; the default has its own bar
        QCOMPARE(a->chart()->errorBars()->dataCount(), 2);
        QCOMPARE(a->chart()->errorBars()->data()->at(1).errorPlus, r.rows[1].std());
        // A bar is drawn from its base to base + value: its top is the variant's mean, on the axis.
        QCPBars* ste = a->chart()->bars();
        const double steTop = ste->baseValue() + ste->data()->at(0)->value;
        QVERIFY2(std::abs(steTop - r.rows[1].mean()) < 1e-9, qPrintable(QString::number(steTop)));
        QVERIFY(a->chart()->yAxis->range().contains(steTop));
        QVERIFY(a->chart()->yAxis->range().lower <= std::min(r.rows[0].mean(), r.rows[1].mean()) - 0.3);
        QVERIFY(a->chart()->titleText().contains(QStringLiteral("2 seeds")));

        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("ablation.json"));
        QVERIFY(a->saveResult(file));
        a->showResult({});
        QCOMPARE(a->table()->rowCount(), 0);
        QVERIFY(a->openResult(file));
        QCOMPARE(a->table()->rowCount(), 3);
        QCOMPARE(a->result().rows[1].top1, r.rows[1].top1);

        QFile bad(dir.filePath(QStringLiteral("bad.json")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{\"seeds\": [1]}");
        bad.close();
        QVERIFY(!a->openResult(bad.fileName()));
        QVERIFY(a->statusText().contains(QStringLiteral("not an ablation result")));
        QCOMPARE(a->table()->rowCount(), 3); // nothing lost
    }
};

QTEST_MAIN(AblationWindowTest)
#include "ablation_window_test.moc"
