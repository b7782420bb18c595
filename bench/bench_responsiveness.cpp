// Responsiveness of the workbench during a real run on the demo: how late a
// 10 ms timer on the GUI thread fires (p50/p99 stall), and the worker's
// optimisation-loop iterations per second, with the live views attached and
// detached. Runs alternate (views, none, views, none, ...) so that load from
// other processes hits both sides alike; prints both side by side.
//
//   bench_responsiveness [--iters N] [--rounds R] [--watch-logs N [--log-source RUN.h5]]
//   (QT_QPA_PLATFORM=offscreen works)
//
// --watch-logs N: the run browser watches a temporary runs folder holding N
// copies of a real demo log (made by a short run first, or --log-source) while
// the views are on, and the runs write their logs there too (rescans as they
// save); with the views off the browser watches nothing. So "on" is the whole
// GUI cost: live views plus a browser over N logs.
#include "adaround/run_events.h"
#include "demo_locator.h"
#include "main_window.h"
#include "run_browser.h"
#include "run_browser_model.h"
#include "run_controller.h"
#include "run_folder_scanner.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTemporaryDir>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

struct Sample {
    std::vector<double> stallsMs;
    double iterations = 0, loopSeconds = 0;
    double firstScanMs = 0; // until the browser listed the watched logs
    int rescans = 0;        // scans that found a change while the run went on
};

// Where the runs write their logs and what the browser watches (empty: the defaults).
struct Folders {
    QString runs;    // the runs' logs
    QString watched; // the browser's folder; "-": none
    int expectLogs = 0;
};

double quantile(std::vector<double> v, double q)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(q * double(v.size() - 1) + 0.5))];
}

// One run of the demo in a fresh window; stalls are measured while it runs.
Sample measure(const DemoLocation& demo, bool liveViews, int iterations, const Folders& folders = {})
{
    MainWindow w;
    w.setLiveViews(liveViews);
    w.show();
    Sample s;
    if (!folders.runs.isEmpty())
        w.setRunsFolder(folders.runs);
    if (folders.watched == QLatin1String("-"))
        w.runBrowser()->setRunsFolder(QString());
    if (folders.expectLogs > 0) { // the browser lists the folder before the run, as it would in use
        QElapsedTimer scan;
        scan.start();
        while (w.runBrowser()->model()->rowCount() < folders.expectLogs) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
            if (scan.elapsed() > 120000)
                qFatal("the browser listed %d of %d logs", w.runBrowser()->model()->rowCount(), folders.expectLogs);
        }
        s.firstScanMs = scan.nsecsElapsed() / 1e6;
    }
    if (!w.openModel(demo.model))
        qFatal("cannot open the demo model: %s", qPrintable(w.lastError()));
    w.setDataFolders(demo.calibDir, demo.evalDir);
    adaround::AdaRoundConfig c = w.buildConfig();
    c.iterations = iterations;
    c.bits = {2, 8, {}};
    c.evalSubset = 500;
    w.applyConfig(c);

    QObject::connect(w.runBrowser()->scanner(), &RunFolderScanner::scanned, &w, [&s] { ++s.rescans; });
    QObject::connect(w.controller()->events(), &RunEventBridge::runEvent, &w,
                     [&s, iterations](const SharedRunEvent& event) {
                         // The loop's own rate per layer, so evaluation and data capture do not count.
                         const auto* e = std::get_if<adaround::LayerFinished>(event.get());
                         if (e && e->optimised && e->iterationsPerSecond > 0) {
                             s.iterations += iterations;
                             s.loopSeconds += iterations / e->iterationsPerSecond;
                         }
                     });
    QElapsedTimer clock;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(10);
    QObject::connect(&tick, &QTimer::timeout, &w, [&] {
        if (w.progress().currentLayer() >= 0) // measure while layers are being optimised
            s.stallsMs.push_back(std::max(0.0, clock.nsecsElapsed() / 1e6 - 10.0));
        clock.restart();
    });
    QEventLoop loop;
    QObject::connect(&w, &MainWindow::runEnded, &loop, &QEventLoop::quit);
    if (!w.startRun())
        qFatal("cannot start the run: %s", qPrintable(w.messageText()));
    clock.start();
    tick.start();
    loop.exec();
    tick.stop();
    if (w.controller()->result().end != adaround::RunEnd::Completed)
        qFatal("the run did not complete: %s", w.controller()->result().error.c_str());
    return s;
}

// A real log of the demo to copy: SOURCE, or a short run's.
QString sourceLog(const DemoLocation& demo, const QString& source, const QString& scratch)
{
    if (!source.isEmpty())
        return source;
    MainWindow w;
    w.setRunsFolder(scratch);
    w.runBrowser()->setRunsFolder(QString());
    if (!w.openModel(demo.model))
        qFatal("cannot open the demo model: %s", qPrintable(w.lastError()));
    w.setDataFolders(demo.calibDir, demo.evalDir);
    adaround::AdaRoundConfig c = w.buildConfig();
    c.iterations = 50;
    c.evalSubset = 100;
    c.bits = {2, 8, {}};
    w.applyConfig(c);
    QEventLoop loop;
    QObject::connect(&w, &MainWindow::runEnded, &loop, &QEventLoop::quit);
    if (!w.startRun())
        qFatal("cannot start the run: %s", qPrintable(w.messageText()));
    loop.exec();
    return w.controller()->logPath();
}

// N copies of LOG in DIR, renamed as runs are ("run-copy-NNN.h5").
void fillRunsFolder(const QString& log, const QString& dir, int n)
{
    QDir().mkpath(dir);
    for (int i = 0; i < n; ++i)
        if (!QFile::copy(log, QStringLiteral("%1/run-copy-%2.h5").arg(dir).arg(i, 3, 10, QLatin1Char('0'))))
            qFatal("cannot copy %s into %s", qPrintable(log), qPrintable(dir));
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    int iterations = 1000, rounds = 2, watchLogs = 0;
    QString logSource;
    for (int i = 1; i + 1 < argc; i += 2) {
        const QString a = QString::fromLocal8Bit(argv[i]);
        if (a == QLatin1String("--iters"))
            iterations = std::atoi(argv[i + 1]);
        else if (a == QLatin1String("--rounds"))
            rounds = std::atoi(argv[i + 1]);
        else if (a == QLatin1String("--watch-logs"))
            watchLogs = std::atoi(argv[i + 1]);
        else if (a == QLatin1String("--log-source"))
            logSource = QString::fromLocal8Bit(argv[i + 1]);
    }
    const DemoLocation demo = locateDemo();
    if (!demo.ready) {
        std::fprintf(stderr, "bench_responsiveness: prepare the demo first (adaround-prepare-demo)\n");
        return 1;
    }
    QTemporaryDir scratch;
    Folders on, off;
    if (watchLogs > 0) {
        const QString source = sourceLog(demo, logSource, scratch.filePath(QStringLiteral("source")));
        on.runs = scratch.filePath(QStringLiteral("runs"));
        fillRunsFolder(source, on.runs, watchLogs);
        off.runs = scratch.filePath(QStringLiteral("runs-unwatched"));
        off.watched = QStringLiteral("-");
        std::printf("run browser watching %d copies of %s\n", watchLogs, qPrintable(source));
    }
    Sample with, without;
    double scanMs = 0;
    int rescans = 0;
    for (int r = 0; r < rounds; ++r)
        for (bool views : {true, false}) {
            if (views && watchLogs > 0)
                on.expectLogs = watchLogs + r; // each round's run left its log there
            Sample s = measure(demo, views, iterations, views ? on : off);
            if (views) {
                scanMs = std::max(scanMs, s.firstScanMs);
                rescans += s.rescans;
            }
            Sample& into = views ? with : without;
            into.stallsMs.insert(into.stallsMs.end(), s.stallsMs.begin(), s.stallsMs.end());
            into.iterations += s.iterations;
            into.loopSeconds += s.loopSeconds;
            std::printf("round %d, live views %-3s: %.0f it/s\n", r + 1, views ? "on" : "off",
                        s.iterations / s.loopSeconds);
            std::fflush(stdout);
        }
    const double itWith = with.iterations / with.loopSeconds, itWithout = without.iterations / without.loopSeconds;
    std::printf("\nfmnist_cnn demo, %d iterations per layer, %d rounds, 10 ms GUI timer\n", iterations, rounds);
    std::printf("%-22s %14s %14s\n", "", "live views on", "live views off");
    std::printf("%-22s %14.1f %14.1f\n", "GUI stall p50 (ms)", quantile(with.stallsMs, 0.5), quantile(without.stallsMs, 0.5));
    std::printf("%-22s %14.1f %14.1f\n", "GUI stall p99 (ms)", quantile(with.stallsMs, 0.99),
                quantile(without.stallsMs, 0.99));
    std::printf("%-22s %14.1f %14.1f\n", "GUI stall max (ms)", quantile(with.stallsMs, 1.0), quantile(without.stallsMs, 1.0));
    std::printf("%-22s %14.0f %14.0f\n", "worker it/s", itWith, itWithout);
    std::printf("throughput with views / without: %.3f (target >= 0.95); p99 stall target <= 30 ms\n",
                itWith / itWithout);
    if (watchLogs > 0)
        std::printf("run browser: %d logs watched with the views on; first listing took at most %.0f ms; %d rescans "
                    "with changes during the runs\n",
                    watchLogs, scanMs, rescans);
    return 0;
}
