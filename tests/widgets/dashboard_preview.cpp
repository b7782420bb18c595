// Renders RunDashboard as a user sees it, for looking at: runs a short real
// AdaRound on a demo model, feeds all its events to one dashboard and the
// first half to another (mid-run), optionally overlays a second run, and
// saves OUT.png, OUT-mid.png and each plot's own export OUT-<plot>.png.
//
//   dashboard_preview OUT.png [--model fmnist_cnn|fmnist_mobilenet] [--iterations N]
//                     [--compare] [--size WxH] [--log RUN.h5] [--layer NAME] [--per-layer]
//
// --log shows a stored run instead of running one; --layer picks the layer
// the views show (as a click in the table does); --per-layer sets the loss
// plot's one-layer-at-a-time axis.
#include "loss_plot.h"
#include "plot_interaction.h"
#include "run_dashboard.h"

#include "adaround/adaround_run.h"
#include "adaround/run_log.h"

#include <QApplication>
#include <QFileInfo>
#include <QTimer>

#include <cstdio>

using namespace adaround;

namespace {

// Forwards the first `limit` events to the dashboard.
class Prefix : public RunObserver {
public:
    Prefix(RunDashboard& d, long limit) : d_(d), left_(limit) {}
    void onEvent(const RunEvent& e) override
    {
        ++used_;
        if (left_-- > 0)
            d_.onRunEvent(e);
    }
    long used() const { return used_; }

private:
    RunDashboard& d_;
    long left_;
    long used_ = 0;
};

RunRecord run(const std::string& model, int iterations, double lambda)
{
    AdaRoundConfig c;
    c.modelPath = std::string(ADAROUND_TEST_MODELS_DIR) + "/" + model + ".pt";
    c.calibDir = ADAROUND_TEST_DEMO_DIR "/calib";
    c.evalDir = ADAROUND_TEST_DEMO_DIR "/eval";
    c.bits = {3, 8, {}};
    c.calibSize = 256;
    c.iterations = iterations;
    c.statsInterval = 10;
    c.histogramInterval = std::max(1, iterations / 15);
    c.evalSubset = 300;
    c.threads = 2;
    c.lambda = lambda;
    RunRecorder recorder;
    RunControl control;
    const RunResult result = AdaRoundRun(c).run(recorder, control);
    if (result.end != RunEnd::Completed) {
        std::fprintf(stderr, "run failed: %s\n", result.error.c_str());
        std::exit(1);
    }
    return recorder.take();
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: dashboard_preview OUT.png [--model NAME] [--iterations N] "
                             "[--compare] [--size WxH] [--log RUN.h5] [--layer NAME] [--per-layer]\n");
        return 2;
    }
    auto option = [&](const QString& name, const QString& fallback) {
        const int i = args.indexOf(name);
        return i > 0 && i + 1 < args.size() ? args[i + 1] : fallback;
    };
    const QString out = args[1];
    const std::string model = option(QStringLiteral("--model"), QStringLiteral("fmnist_cnn")).toStdString();
    const int iterations = option(QStringLiteral("--iterations"), QStringLiteral("300")).toInt();
    const QStringList size = option(QStringLiteral("--size"), QStringLiteral("1400x950")).split(QLatin1Char('x'));

    const QString log = option(QStringLiteral("--log"), {});
    const RunRecord main = log.isEmpty() ? run(model, iterations, 0.01) : readRunLog(log.toStdString()).record;
    const bool compare = args.contains(QStringLiteral("--compare"));
    const RunRecord other = compare ? run(model, iterations, 0.1) : RunRecord{};
    RunDashboard done, mid;
    for (RunDashboard* d : {&done, &mid}) {
        d->resize(size.value(0).toInt(), size.value(1).toInt());
        d->show();
        if (compare)
            d->addComparison(other, QStringLiteral("λ=0.1"));
    }
    Prefix all(done, 1L << 40);
    replay(main, all);
    Prefix half(mid, all.used() / 2);
    replay(main, half);

    const QString layer = option(QStringLiteral("--layer"), {});
    for (const LayerStarted& s : main.layerStarts)
        if (QString::fromStdString(s.name) == layer)
            done.selectLayer(s.layer);
    if (args.contains(QStringLiteral("--per-layer")))
        PlotInteraction::of(done.plot(QStringLiteral("loss")))->setToggled(LossPlot::perLayerToggle(), true);

    QTimer::singleShot(500, &app, [&] {
        const QString base = QFileInfo(out).path() + QLatin1Char('/') + QFileInfo(out).completeBaseName();
        if (!done.grab().save(out) || !mid.grab().save(base + QStringLiteral("-mid.png"))) {
            std::fprintf(stderr, "%s: could not be written\n", qPrintable(out));
            app.exit(1);
            return;
        }
        for (const QString& name : done.plotNames()) {
            QString error;
            if (!done.exportPlot(name, base + QLatin1Char('-') + name + QStringLiteral(".png"), &error))
                std::fprintf(stderr, "%s\n", qPrintable(error));
        }
        app.exit(0);
    });
    return app.exec();
}
