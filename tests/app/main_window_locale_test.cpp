// The workbench under a comma-decimal locale (ctest runs this with
// LC_ALL=de_DE.UTF-8; QApplication adopts it through setlocale): a run log
// opens, a settings file loads, the number fields show and take '.' numbers,
// and every value arrives exactly. Under de_DE a strtod-based reader once
// failed with "JSON syntax error at line 1, column 204"; this guards the whole path.
#include "adaround/bit_plan.h"
#include "adaround/config_json.h"
#include "adaround/model.h"
#include "adaround/run_log.h"
#include "adaround/run_record.h"
#include "hyperparameter_panel.h"
#include "main_window.h"
#include "run_dashboard.h"

#include <QAbstractItemModel>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QtTest>

#include <clocale>

namespace {

constexpr uint64_t kMaxSeed = 18446744073709551615ull;

// A completed run of the demo CNN as its events would have written it: the
// real model's layers, settings whose decimals a locale could garble.
adaround::RunRecord demoRun()
{
    const std::string model = ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt";
    adaround::RunRecord r;
    r.hasStarted = true;
    adaround::RunStarted& s = r.started;
    s.config.modelPath = model;
    s.config.calibDir = ADAROUND_TEST_DEMO_DIR "/calib";
    s.config.evalDir = ADAROUND_TEST_DEMO_DIR "/eval";
    s.config.iterations = 40;
    s.config.lambda = 3e-6;
    s.config.learningRate = 2.5e-4;
    s.config.warmup = 0.25;
    s.config.betaStart = 16.5;
    s.config.seed = kMaxSeed;
    s.layers = adaround::Model::load(model)->layers();
    s.bits = adaround::resolveBits(s.layers, s.config.bits);
    s.adaround.assign(s.layers.size(), true);
    s.calibImages = 1024;
    s.evalImages = 10000;
    for (int layer = 0; layer < int(s.layers.size()); ++layer) {
        const std::string& name = s.layers[size_t(layer)].name;
        r.layerStarts.push_back({layer, name, s.bits[size_t(layer)], 40});
        for (int it = 10; it <= 40; it += 10)
            r.iterations.push_back({layer, it, 0.5 / it, it > 10 ? 0.125 : 0.0, 16.5 - it / 4.0, 0.5 / it + 0.125});
        adaround::LayerFinished f;
        f.layer = layer;
        f.name = name;
        f.bits = s.bits[size_t(layer)];
        f.recMseRtn = 0.0625;
        f.recMseSoft = 0.03125;
        f.recMseHard = 0.046875;
        f.flippedShare = 0.125;
        f.settledShare = 0.75;
        f.seconds = 1.5;
        r.layers.push_back(f);
        r.progress.push_back({layer + 1, 80.5, 85.25});
    }
    r.layersDone = int(s.layers.size());
    adaround::RunFinished fin;
    fin.fp32 = {91.25, 99.5, 100};
    fin.rtn = {85.5, 98.75, 100};
    fin.adaround = {89.75, 99.0, 100};
    fin.seconds = 12.5;
    r.finished = fin;
    r.end = adaround::RunEnd::Completed;
    return r;
}

void type(QWidget* editor, const QString& text)
{
    QLineEdit* line = qobject_cast<QLineEdit*>(editor);
    if (!line)
        line = editor->findChild<QLineEdit*>();
    QVERIFY(line);
    line->selectAll();
    QTest::keyClick(line, Qt::Key_Delete);
    QTest::keyClicks(line, text);
}

QString shownText(QWidget* editor)
{
    if (auto* box = qobject_cast<QAbstractSpinBox*>(editor))
        return box->text();
    return qobject_cast<QLineEdit*>(editor)->text();
}

} // namespace

class MainWindowLocaleTest : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;

private slots:
    void theLocaleReallyUsesCommas()
    {
        // Without these the test would pass vacuously in a '.' locale.
        QCOMPARE(QLocale().decimalPoint(), QStringLiteral(","));
        QCOMPARE(QString::fromLatin1(std::localeconv()->decimal_point), QStringLiteral(","));
        QCOMPARE(QLocale().toString(0.5), QStringLiteral("0,5"));
    }

    void opensARunLog()
    {
        const QString path = dir_.filePath(QStringLiteral("run.h5"));
        const adaround::RunRecord run = demoRun();
        {
            adaround::RunLogWriter writer(path.toStdString());
            adaround::replay(run, writer);
            QCOMPARE(writer.writeError(), std::string());
        }
        MainWindow w;
        w.show();
        QVERIFY2(w.openLog(path), qPrintable(w.messageText()));
        QCOMPARE(w.dashboard()->layerTable()->rowCount(), int(run.layers.size()));
        QCOMPARE(w.finalAccuracyText(), QStringLiteral("Top-1: FP32 91.25% · RTN 85.50% · AdaRound 89.75%"));
        // The run's settings, once used, are in the setup, exactly, and shown with '.'.
        QVERIFY2(w.useShownRunSettings(), qPrintable(w.messageText()));
        const adaround::AdaRoundConfig c = w.buildConfig();
        QCOMPARE(c.lambda, 3e-6);
        QCOMPARE(c.learningRate, 2.5e-4);
        QCOMPARE(c.warmup, 0.25);
        QCOMPARE(c.betaStart, 16.5);
        QCOMPARE(c.seed, kMaxSeed);
        QCOMPARE(c.iterations, 40);
        QCOMPARE(shownText(w.panel()->editor("lambda")), QStringLiteral("3e-06"));
        QCOMPARE(shownText(w.panel()->editor("warmup")), QStringLiteral("0.25 of iterations"));
        QCOMPARE(shownText(w.panel()->editor("beta_start")), QStringLiteral("16.5"));
        QCOMPARE(shownText(w.panel()->editor("seed")), QStringLiteral("18446744073709551615"));
    }

    void loadsSettingsAndTakesTypedNumbers()
    {
        const QString settings = dir_.filePath(QStringLiteral("settings.json"));
        QFile f(settings);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"iterations": 750, "learning_rate": 0.0003, "lambda": 0.015, "beta_end": 2.5,
                    "warmup": 0.125, "seed": 18446744073709551615, "schedule": "cosine"})");
        f.close();
        MainWindow w;
        w.show();
        QVERIFY(w.openModel(QStringLiteral(ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt")));
        QVERIFY2(w.loadSettings(settings), qPrintable(w.messageText()));
        adaround::AdaRoundConfig c = w.buildConfig();
        QCOMPARE(c.iterations, 750);
        QCOMPARE(c.learningRate, 0.0003);
        QCOMPARE(c.lambda, 0.015);
        QCOMPARE(c.betaEnd, 2.5);
        QCOMPARE(c.warmup, 0.125);
        QCOMPARE(c.seed, kMaxSeed);
        QVERIFY(c.schedule == adaround::BetaSchedule::Cosine);
        QCOMPARE(shownText(w.panel()->editor("learning_rate")), QStringLiteral("3e-04")); // shortest exact form

        // Typed as everywhere else: '.' is the decimal point, whatever the locale.
        type(w.panel()->editor("learning_rate"), QStringLiteral("0.0005"));
        type(w.panel()->editor("beta_end"), QStringLiteral("1.75"));
        type(w.panel()->editor("seed"), QStringLiteral("12345678901234567890"));
        c = w.buildConfig();
        QCOMPARE(c.learningRate, 0.0005);
        QCOMPARE(c.betaEnd, 1.75);
        QCOMPARE(c.seed, uint64_t(12345678901234567890ull));
        QCOMPARE(shownText(w.panel()->editor("learning_rate")), QStringLiteral("0.0005"));
        // A ',' is not taken for a decimal point (nor dropped into 5e-4 -> 5): the value stays.
        type(w.panel()->editor("learning_rate"), QStringLiteral("0,001"));
        QCOMPARE(w.buildConfig().learningRate, 0.0005);

        // What is saved under this locale loads back the same, in a new window.
        const QString saved = dir_.filePath(QStringLiteral("saved.json"));
        adaround::saveConfigFile(c, saved.toStdString());
        MainWindow again;
        QVERIFY2(again.loadSettings(saved), qPrintable(again.messageText()));
        const adaround::AdaRoundConfig back = again.buildConfig();
        QCOMPARE(back.learningRate, 0.0005);
        QCOMPARE(back.betaEnd, 1.75);
        QCOMPARE(back.seed, uint64_t(12345678901234567890ull));
        QCOMPARE(back.lambda, 0.015);
    }
};

QTEST_MAIN(MainWindowLocaleTest)
#include "main_window_locale_test.moc"
