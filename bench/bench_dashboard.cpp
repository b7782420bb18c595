// What RunDashboard costs the GUI thread on a paper-sized run: 50 layers of
// 10,000 iterations, statistics every 50 and 50-bin h(V) snapshots every 200
// iterations (10,000 statistics and 2,550 snapshots). The events are
// synthetic (shapes like a real run, β from the engine's own schedule) and
// arrive in bursts every 10 ms, compressed into a few seconds. A 10 ms timer
// measures how late the GUI thread gets to it; the same stream with no views
// attached is the baseline. Prints p50/p99/max stall side by side, the
// per-event slot cost, and the replot times with the whole run drawn.
//
//   bench_dashboard [--seconds S]   (QT_QPA_PLATFORM=offscreen works)
#include "run_dashboard.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

using namespace adaround;

namespace {

constexpr int kLayers = 50;
constexpr int kIterations = 10000;
constexpr int kStatsInterval = 50;
constexpr int kHistogramInterval = 200;
constexpr int kBins = 50;

AdaRoundConfig config()
{
    AdaRoundConfig c;
    c.iterations = kIterations;
    c.statsInterval = kStatsInterval;
    c.histogramInterval = kHistogramInterval;
    c.histogramBins = kBins;
    return c;
}

// The event stream of one run, in the order a run sends it.
std::vector<RunEvent> events()
{
    std::vector<RunEvent> out;
    const AdaRoundConfig c = config();
    const AnnealingSchedule schedule = AnnealingSchedule::from(c);
    RunStarted start;
    start.config = c;
    for (int k = 0; k < kLayers; ++k) {
        LayerInfo info;
        info.name = "features." + std::to_string(k) + ".conv";
        info.weightShape = {64, 64, 3, 3};
        start.layers.push_back(info);
        start.bits.push_back(4);
        start.adaround.push_back(true);
    }
    start.evalImages = 10000;
    out.push_back(start);
    std::mt19937 rng(1);
    std::uniform_real_distribution<double> noise(0.9, 1.1);
    for (int k = 0; k < kLayers; ++k) {
        const std::string name = start.layers[size_t(k)].name;
        out.push_back(LayerStarted{k, name, 4, kIterations});
        const double rec0 = 1e-3 * (1 + k);
        for (int it = 0; it <= kIterations; ++it) {
            const double progress = double(it) / kIterations;
            if (it > 0 && it % kStatsInterval == 0) {
                IterationStats s;
                s.layer = k;
                s.iteration = it;
                s.recLoss = rec0 * (0.4 + 0.6 * std::exp(-5 * progress)) * noise(rng);
                s.beta = schedule.beta(it);
                s.roundLoss = schedule.regularised(it) ? 50.0 * (1 - progress) + 0.1 : 0.0;
                s.total = s.recLoss + s.roundLoss;
                out.push_back(s);
            }
            if (it % kHistogramInterval == 0) {
                // Mass moves from a uniform spread to the two end bins.
                HistogramSnapshot h;
                h.layer = k;
                h.iteration = it;
                h.counts.assign(kBins, int64_t(1000 * (1 - progress)));
                h.counts.front() += int64_t(24000 * progress);
                h.counts.back() += int64_t(24000 * progress);
                h.settledShare = progress;
                out.push_back(h);
            }
        }
        LayerFinished f;
        f.layer = k;
        f.name = name;
        f.bits = 4;
        f.recMseRtn = rec0;
        f.recMseSoft = f.recMseHard = rec0 / 3;
        f.seconds = 12;
        out.push_back(f);
        out.push_back(AccuracyPoint{k + 1, 90.0 - 0.3 * k, 91.0 - 0.05 * k});
    }
    RunFinished done;
    done.fp32 = {92, 99.5, 10000};
    done.rtn = {75, 95, 10000};
    done.adaround = {88, 99, 10000};
    out.push_back(done);
    return out;
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}

struct Result {
    std::vector<double> stallsMs;
    double slotMs = 0;
    int events = 0;
};

// Delivers the stream in bursts every 10 ms over `seconds` while a 10 ms
// probe timer records its lateness.
Result deliver(QApplication& app, RunDashboard* dashboard, double seconds)
{
    const auto stream = events();
    const int ticks = std::max(1, int(seconds * 100));
    const size_t perTick = (stream.size() + size_t(ticks) - 1) / size_t(ticks);
    Result r;
    r.events = int(stream.size());
    size_t next = 0;
    QTimer feeder;
    feeder.setTimerType(Qt::PreciseTimer);
    feeder.setInterval(10);
    QElapsedTimer slotClock;
    QObject::connect(&feeder, &QTimer::timeout, [&] {
        slotClock.start();
        for (size_t i = 0; i < perTick && next < stream.size(); ++i, ++next)
            if (dashboard)
                dashboard->onRunEvent(stream[next]);
        r.slotMs += double(slotClock.nsecsElapsed()) / 1e6;
        if (next == stream.size()) {
            feeder.stop();
            QTimer::singleShot(300, &app, &QApplication::quit); // let the last redraw happen
        }
    });
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(10);
    QElapsedTimer since;
    QObject::connect(&probe, &QTimer::timeout, [&] {
        if (since.isValid())
            r.stallsMs.push_back(std::max(0.0, double(since.nsecsElapsed()) / 1e6 - 10.0));
        since.start();
    });
    feeder.start();
    probe.start();
    app.exec();
    return r;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int at = args.indexOf(QStringLiteral("--seconds"));
    const double seconds = at > 0 && at + 1 < args.size() ? args[at + 1].toDouble() : 10.0;

    const Result bare = deliver(app, nullptr, seconds);
    RunDashboard dashboard;
    dashboard.resize(1400, 950);
    dashboard.show();
    std::vector<double> replotMs;
    for (const QString& name : dashboard.plotNames()) {
        QCustomPlot* p = dashboard.plot(name);
        QObject::connect(p, &QCustomPlot::afterReplot, [&replotMs, p] { replotMs.push_back(p->replotTime()); });
    }
    const Result views = deliver(app, &dashboard, seconds);

    std::printf("%d events (%d layers x %d iterations, stats every %d, %d-bin snapshots every %d) in %.0f s\n",
                views.events, kLayers, kIterations, kStatsInterval, kBins, kHistogramInterval, seconds);
    std::printf("%-28s %12s %12s\n", "", "no views", "dashboard");
    std::printf("%-28s %12.2f %12.2f\n", "10 ms timer stall p50 (ms)", percentile(bare.stallsMs, 0.5),
                percentile(views.stallsMs, 0.5));
    std::printf("%-28s %12.2f %12.2f\n", "10 ms timer stall p99 (ms)", percentile(bare.stallsMs, 0.99),
                percentile(views.stallsMs, 0.99));
    std::printf("%-28s %12.2f %12.2f\n", "10 ms timer stall max (ms)", percentile(bare.stallsMs, 1.0),
                percentile(views.stallsMs, 1.0));
    std::printf("slot cost per event: %.1f us; replots: %zu, p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
                1000.0 * views.slotMs / views.events, replotMs.size(), percentile(replotMs, 0.5),
                percentile(replotMs, 0.99), percentile(replotMs, 1.0));
    for (const QString& name : dashboard.plotNames()) {
        QCustomPlot* p = dashboard.plot(name);
        p->replot(QCustomPlot::rpImmediateRefresh);
        std::printf("full-run replot of %-10s %.1f ms\n", qPrintable(name), p->replotTime());
    }
    return 0;
}
