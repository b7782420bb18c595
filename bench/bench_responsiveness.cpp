// Responsiveness of the workbench during a real run on the demo: how late a
// 10 ms timer on the GUI thread fires (p50/p99 stall), and the worker's
// optimisation-loop iterations per second, with the live views attached and
// detached. Runs alternate (views, none, views, none, ...) so that load from
// other processes hits both sides alike; prints both side by side.
//
//   bench_responsiveness [--iters N] [--rounds R]   (QT_QPA_PLATFORM=offscreen works)
#include "adaround/run_events.h"
#include "demo_locator.h"
#include "main_window.h"
#include "run_controller.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

struct Sample {
    std::vector<double> stallsMs;
    double iterations = 0, loopSeconds = 0;
};

double quantile(std::vector<double> v, double q)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(q * double(v.size() - 1) + 0.5))];
}

// One run of the demo in a fresh window; stalls are measured while it runs.
Sample measure(const DemoLocation& demo, bool liveViews, int iterations)
{
    MainWindow w;
    w.setLiveViews(liveViews);
    w.show();
    if (!w.openModel(demo.model))
        qFatal("cannot open the demo model: %s", qPrintable(w.lastError()));
    w.setDataFolders(demo.calibDir, demo.evalDir);
    adaround::AdaRoundConfig c = w.buildConfig();
    c.iterations = iterations;
    c.bits = {2, 8, {}};
    c.evalSubset = 500;
    w.applyConfig(c);

    Sample s;
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

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    int iterations = 1000, rounds = 2;
    for (int i = 1; i + 1 < argc; i += 2) {
        const QString a = QString::fromLocal8Bit(argv[i]);
        if (a == QLatin1String("--iters"))
            iterations = std::atoi(argv[i + 1]);
        else if (a == QLatin1String("--rounds"))
            rounds = std::atoi(argv[i + 1]);
    }
    const DemoLocation demo = locateDemo();
    if (!demo.ready) {
        std::fprintf(stderr, "bench_responsiveness: prepare the demo first (adaround-prepare-demo)\n");
        return 1;
    }
    Sample with, without;
    for (int r = 0; r < rounds; ++r)
        for (bool views : {true, false}) {
            Sample s = measure(demo, views, iterations);
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
    return 0;
}
