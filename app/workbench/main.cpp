// adaround-workbench: the Qt desktop application.
#include "adaround/runtime.h"
#include "adaround/versions.h"
#include "app_icon.h"
#include "ablation_window.h"
#include "main_window.h"
#include "screenshot_driver.h"
#include "teach_menu.h"
#include "study_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>
#include <cstdio>
#include <cstring>

namespace {

struct Options {
    QCommandLineOption demo{QStringLiteral("demo"), QStringLiteral("Open the embedded Fashion-MNIST demo.")};
    QCommandLineOption model{QStringLiteral("model"), QStringLiteral("Open a TorchScript model."), QStringLiteral("FILE")};
    QCommandLineOption screenshot{QStringLiteral("screenshot"),
                                  QStringLiteral("Write a PNG of the window to FILE and exit: with --demo, mid-run "
                                                 "(fast-preview preset); with --open-log, the stored run; with "
                                                 "--replay, mid-replay. Never waits on a dialog."),
                                  QStringLiteral("FILE")};
    QCommandLineOption after{QStringLiteral("after-iterations"),
                             QStringLiteral("With --demo --screenshot: take it after N iterations (default 1000)."),
                             QStringLiteral("N"), QStringLiteral("1000")};
    QCommandLineOption openLog{QStringLiteral("open-log"), QStringLiteral("Show a stored run (HDF5 run log)."),
                               QStringLiteral("LOG")};
    QCommandLineOption compare{QStringLiteral("compare"),
                               QStringLiteral("Overlay another stored run on the one of --open-log (repeatable)."),
                               QStringLiteral("LOG")};
    QCommandLineOption layer{QStringLiteral("layer"),
                             QStringLiteral("With --open-log --screenshot: show this layer in the h(V) views."),
                             QStringLiteral("NAME")};
    QCommandLineOption dock{QStringLiteral("dock"),
                            QStringLiteral("With --screenshot: bring this dock to the front (setup, settings, runs, "
                                           "comparison, flips: Teach > Who Flipped?, relaxation with --teach)."),
                            QStringLiteral("NAME")};
    QCommandLineOption replay{QStringLiteral("replay"),
                              QStringLiteral("Replay a stored run (HDF5 run log) as if live. With --screenshot: the "
                                             "whole run in --replay-seconds, the picture at --replay-at."),
                              QStringLiteral("LOG")};
    QCommandLineOption replayAt{QStringLiteral("replay-at"),
                                QStringLiteral("With --replay --screenshot: take it, paused, once this share of the "
                                               "run is replayed (0..1, default 0.6)."),
                                QStringLiteral("F"), QStringLiteral("0.6")};
    QCommandLineOption replaySeconds{QStringLiteral("replay-seconds"),
                                     QStringLiteral("With --replay --screenshot: replay the whole run in S seconds "
                                                    "(default 10)."),
                                     QStringLiteral("S"), QStringLiteral("10")};
    QCommandLineOption teach{QStringLiteral("teach"),
                             QStringLiteral("Open a teaching view of the Teach menu (two-weights, n-weights, "
                                            "relaxation). With --screenshot: two-weights and n-weights alone, "
                                            "relaxation beside --demo, --open-log or --replay."),
                             QStringLiteral("VIEW")};
    QCommandLineOption openStudy{QStringLiteral("open-study"),
                                 QStringLiteral("With --screenshot: a PNG of the stochastic-rounding study window "
                                                "(Teach menu) showing this study log, at 1366x768."),
                                 QStringLiteral("LOG")};
    QCommandLineOption sensitivity{QStringLiteral("sensitivity"),
                                   QStringLiteral("With --demo --screenshot: instead of a run, Run > Per-Layer "
                                                  "Sensitivity and Plan for AVG bits per weight, the plan applied."),
                                   QStringLiteral("AVG")};
    QCommandLineOption layerLab{QStringLiteral("layer-lab"),
                                QStringLiteral("With --demo --screenshot: instead of a run, Run > Layer Lab on this "
                                               "layer with three attempts (the setup, lambda x 10, cosine decay)."),
                                QStringLiteral("NAME")};
    QCommandLineOption baseline{QStringLiteral("baseline"),
                                QStringLiteral("With --demo --screenshot: instead of a run, the demo's FP32 / "
                                               "round-to-nearest baseline (the Teaching preset's first step).")};
    QCommandLineOption openSweep{QStringLiteral("open-sweep"),
                                 QStringLiteral("Open a sweep folder (adaround-cli sweep --out) in the sweep view. "
                                                "With --screenshot: the view at --sweep-plot."),
                                 QStringLiteral("DIR")};
    QCommandLineOption sweepPlot{QStringLiteral("sweep-plot"),
                                 QStringLiteral("With --open-sweep --screenshot: the plot shown (knob, heatmap, "
                                                "parallel; default heatmap)."),
                                 QStringLiteral("NAME"), QStringLiteral("heatmap")};
    QCommandLineOption openAblation{QStringLiteral("open-ablation"),
                                    QStringLiteral("Open an ablation's results (adaround-cli ablate --json) in Run > "
                                                   "Design-Choice Ablation (with --screenshot: that window)."),
                                    QStringLiteral("FILE")};
    QCommandLineOption config{QStringLiteral("config"),
                              QStringLiteral("Apply the run settings in a config JSON (as adaround-cli --config)."),
                              QStringLiteral("FILE")};

    void addTo(QCommandLineParser& parser) const
    {
        parser.setApplicationDescription(
            QStringLiteral("Adaptive rounding for post-training quantization, live.\n"
                           "The user guide is in the Help menu (F1) and in docs/workbench.md."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({demo, model, config, screenshot, after, openLog, compare, layer, dock, replay, replayAt,
                           replaySeconds, teach, openStudy, sensitivity, layerLab, baseline, openSweep,
                           sweepPlot, openAblation});
    }
};

void describeApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("AdaRound Workbench"));
    QCoreApplication::setOrganizationName(QStringLiteral("AdaRound Workbench"));
    QCoreApplication::setApplicationVersion(QString::fromStdString(adaround::appVersion()));
}

// --help and --version print and exit without a display: QApplication would
// abort first when it cannot open one.
bool wantsTextOnly(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        const char* a = argv[i];
        if (std::strcmp(a, "--") == 0)
            return false;
        for (const char* flag : {"-h", "--help", "-?", "--help-all", "-v", "--version"})
            if (std::strcmp(a, flag) == 0)
                return true;
    }
    return false;
}

} // namespace

int main(int argc, char** argv)
{
    const Options o;
    if (wantsTextOnly(argc, argv)) {
        QCoreApplication app(argc, argv);
        describeApplication();
        QCommandLineParser parser;
        o.addTo(parser);
        parser.process(app); // prints and exits
        return 0;
    }

    QApplication app(argc, argv);
    describeApplication();
    QApplication::setWindowIcon(appIcon());
    QApplication::setDesktopFileName(QStringLiteral("adaround-workbench"));
    QCommandLineParser parser;
    o.addTo(parser);
    parser.process(app);

    adaround::setThreads(0);
    MainWindow window;
    if (parser.isSet(o.openStudy) && parser.isSet(o.screenshot)) {
        // The study window alone, at the size the docs' screenshots use.
        StudyWindow study;
        if (!study.openStudyLog(parser.value(o.openStudy))) {
            std::fprintf(stderr, "adaround-workbench: %s\n", qPrintable(study.statusText()));
            return 1;
        }
        study.resize(1366, 768);
        study.show();
        QTimer::singleShot(800, &study, [&] {
            const bool saved = study.grab().save(parser.value(o.screenshot), "PNG");
            QCoreApplication::exit(saved ? 0 : 1);
        });
        return app.exec();
    }
    if (parser.isSet(o.screenshot)) {
        bool ok = false;
        const int n = parser.value(o.after).toInt(&ok);
        if (!ok || n < 1) {
            std::fprintf(stderr, "adaround-workbench: --after-iterations needs a positive number\n");
            return 2;
        }
        // The toy views are shot alone; the relaxation view is a dock beside a run.
        const bool teachAlone = parser.isSet(o.teach) && parser.value(o.teach) != QLatin1String("relaxation");
        if (int(parser.isSet(o.demo)) + int(parser.isSet(o.openLog)) + int(parser.isSet(o.replay)) + int(teachAlone) +
                int(parser.isSet(o.openSweep)) + int(parser.isSet(o.openAblation)) !=
            1) {
            std::fprintf(stderr, "adaround-workbench: --screenshot needs one of --demo, --open-log LOG, --replay LOG, "
                                 "--open-sweep DIR, --open-ablation FILE or --teach two-weights|n-weights\n");
            return 2;
        }
        const double at = parser.value(o.replayAt).toDouble(&ok);
        if (!ok || at < 0 || at > 1) {
            std::fprintf(stderr, "adaround-workbench: --replay-at needs a share between 0 and 1\n");
            return 2;
        }
        const double seconds = parser.value(o.replaySeconds).toDouble(&ok);
        if (!ok || seconds <= 0) {
            std::fprintf(stderr, "adaround-workbench: --replay-seconds needs a positive number\n");
            return 2;
        }
        auto* driver = new ScreenshotDriver(&window, parser.value(o.screenshot), &window);
        driver->setLayer(parser.value(o.layer));
        driver->setDock(parser.value(o.dock));
        driver->setTeachView(teachAlone ? QString() : parser.value(o.teach));
        window.show();
        if (parser.isSet(o.demo) && parser.isSet(o.baseline))
            driver->showBaseline();
        else if (parser.isSet(o.demo) && parser.isSet(o.layerLab))
            driver->showLayerLab(parser.value(o.layerLab));
        else if (parser.isSet(o.demo) && parser.isSet(o.sensitivity))
            driver->showSensitivity(parser.value(o.sensitivity).toDouble());
        else if (parser.isSet(o.demo))
            driver->runDemo(n, parser.value(o.config));
        else if (teachAlone)
            QTimer::singleShot(0, driver, [&] { driver->showTeachingView(parser.value(o.teach)); });
        else if (parser.isSet(o.openAblation))
            QTimer::singleShot(0, driver, [&] { driver->showAblation(parser.value(o.openAblation)); });
        else if (parser.isSet(o.openSweep))
            QTimer::singleShot(0, driver, [&] { driver->showSweep(parser.value(o.openSweep), parser.value(o.sweepPlot)); });
        else if (parser.isSet(o.replay))
            QTimer::singleShot(0, driver, [&, at, seconds] { driver->replayLog(parser.value(o.replay), at, seconds); });
        else
            QTimer::singleShot(0, driver, [&] { driver->showLogs(parser.value(o.openLog), parser.values(o.compare)); });
        return app.exec();
    }

    window.restoreSettings();
    if (parser.isSet(o.model))
        window.openModel(parser.value(o.model));
    else if (parser.isSet(o.demo))
        window.openDemo();
    if (parser.isSet(o.config))
        window.loadSettings(parser.value(o.config));
    if (parser.isSet(o.openLog)) {
        window.openLog(parser.value(o.openLog));
        for (const QString& other : parser.values(o.compare))
            window.compareWith(other);
    }
    const bool relaxation = parser.value(o.teach) == QLatin1String("relaxation");
    if (relaxation)
        window.showRelaxationView();
    if (parser.isSet(o.replay))
        window.replayLog(parser.value(o.replay));
    if (parser.isSet(o.openSweep))
        window.openSweep(parser.value(o.openSweep));
    window.show();
    if (parser.isSet(o.openAblation) && window.showAblation() &&
        !window.ablationWindow()->openResult(parser.value(o.openAblation)))
        std::fprintf(stderr, "adaround-workbench: %s\n", qPrintable(window.ablationWindow()->statusText()));
    if (parser.isSet(o.teach) && !relaxation && !teachmenu::openView(&window, parser.value(o.teach)))
        std::fprintf(stderr, "adaround-workbench: no teaching view named %s (%s)\n", qPrintable(parser.value(o.teach)),
                     qPrintable(teachmenu::viewNames()));
    return app.exec();
}
