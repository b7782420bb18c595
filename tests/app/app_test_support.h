#pragma once
// For the workbench's tests: a short real run set up in the window, and short
// CLI runs of the small demo that make real logs.
#include "main_window.h"

#include "adaround/adaround_config.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QStringList>
#include <QtTest>

namespace apptest {

// A short run: few iterations, a small calibration set, the small eval folder (300 images).
inline void prepareShortRun(MainWindow& w, int iterations, const QString& runs)
{
    w.setRunsFolder(runs);
    QVERIFY(w.openModel(QStringLiteral(ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt")));
    w.setDataFolders(QStringLiteral(ADAROUND_TEST_DEMO_DIR "/calib"), QStringLiteral(ADAROUND_TEST_SMALL_DEMO_DIR "/eval"));
    adaround::AdaRoundConfig c = w.buildConfig();
    c.iterations = iterations;
    c.calibSize = 256;
    c.evalSubset = 200;
    c.bits = {2, 8, {}};
    c.statsInterval = 10;
    w.applyConfig(c);
}

#ifdef ADAROUND_TEST_CLI
// `adaround-cli run` of MODEL on the small demo at 3 bits, quiet, logging to LOG.
inline QStringList runArgs(const QString& model, const QString& lambda, const QString& log, int iterations,
                           int evalSubset = 100)
{
    return {QStringLiteral("run"), QStringLiteral("--model"), model, QStringLiteral("--calib"),
            QStringLiteral(ADAROUND_TEST_SMALL_DEMO_DIR "/calib"), QStringLiteral("--eval"),
            QStringLiteral(ADAROUND_TEST_SMALL_DEMO_DIR "/eval"), QStringLiteral("--bits"), QStringLiteral("3"),
            QStringLiteral("--iters"), QString::number(iterations), QStringLiteral("--calib-size"), QStringLiteral("64"),
            QStringLiteral("--eval-subset"), QString::number(evalSubset), QStringLiteral("--lambda"), lambda,
            QStringLiteral("--log"), log, QStringLiteral("--quiet")};
}

inline void runCli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(ADAROUND_TEST_CLI), args);
    QVERIFY(p.waitForFinished(240000));
    QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, p.readAllStandardError().constData());
}
#endif

inline QByteArray sha256(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

} // namespace apptest
