// adaround-workbench: the Qt desktop application.
#include "adaround/runtime.h"
#include "adaround/versions.h"
#include "app_icon.h"
#include "main_window.h"
#include "screenshot_driver.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>
#include <cstdio>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("AdaRound Workbench"));
    QApplication::setOrganizationName(QStringLiteral("AdaRound Workbench"));
    QApplication::setApplicationVersion(QString::fromStdString(adaround::appVersion()));
    QApplication::setWindowIcon(appIcon());
    QApplication::setDesktopFileName(QStringLiteral("adaround-workbench"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Adaptive rounding for post-training quantization, live."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Open the embedded Fashion-MNIST demo."));
    QCommandLineOption model(QStringLiteral("model"), QStringLiteral("Open a TorchScript model."),
                             QStringLiteral("FILE"));
    QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                  QStringLiteral("Write a PNG of the window to FILE and exit: with --demo, mid-run "
                                                 "(fast-preview preset); with --open-log, the stored run."),
                                  QStringLiteral("FILE"));
    QCommandLineOption after(QStringLiteral("after-iterations"),
                             QStringLiteral("With --demo --screenshot: take it after N iterations (default 1000)."),
                             QStringLiteral("N"), QStringLiteral("1000"));
    QCommandLineOption openLog(QStringLiteral("open-log"), QStringLiteral("Show a stored run (HDF5 run log)."),
                               QStringLiteral("LOG"));
    QCommandLineOption compare(QStringLiteral("compare"),
                               QStringLiteral("Overlay another stored run on the one of --open-log (repeatable)."),
                               QStringLiteral("LOG"));
    QCommandLineOption config(QStringLiteral("config"),
                              QStringLiteral("Apply the run settings in a config JSON (as adaround-cli --config)."),
                              QStringLiteral("FILE"));
    parser.addOptions({demo, model, config, screenshot, after, openLog, compare});
    parser.process(app);

    adaround::setThreads(0);
    MainWindow window;
    if (parser.isSet(screenshot)) {
        bool ok = false;
        const int n = parser.value(after).toInt(&ok);
        if (!ok || n < 1) {
            std::fprintf(stderr, "adaround-workbench: --after-iterations needs a positive number\n");
            return 2;
        }
        if (parser.isSet(demo) == parser.isSet(openLog)) {
            std::fprintf(stderr, "adaround-workbench: --screenshot needs either --demo or --open-log LOG\n");
            return 2;
        }
        auto* driver = new ScreenshotDriver(&window, parser.value(screenshot), &window);
        window.show();
        if (parser.isSet(demo))
            driver->runDemo(n, parser.value(config));
        else
            QTimer::singleShot(0, driver, [&] { driver->showLogs(parser.value(openLog), parser.values(compare)); });
        return app.exec();
    }

    window.restoreSettings();
    if (parser.isSet(model))
        window.openModel(parser.value(model));
    else if (parser.isSet(demo))
        window.openDemo();
    if (parser.isSet(config))
        window.loadSettings(parser.value(config));
    if (parser.isSet(openLog)) {
        window.openLog(parser.value(openLog));
        for (const QString& other : parser.values(compare))
            window.compareWith(other);
    }
    window.show();
    return app.exec();
}
