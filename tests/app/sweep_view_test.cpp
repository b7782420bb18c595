// The sweep view on a real sweep folder made by adaround-cli sweep in the test
// (the small demo, λ x β grid, 2 seeds, 20 iterations per layer): the table's
// figures are the logs' own, the knob plot's points are the groups' mean ± std
// over seeds, the heat map's cells their means; a folder's points are followed
// live from pending to completed; Run > Sweep from Current Setup starts the
// CLI, shows the sweep live, and stops it.
#include "adaround/run_log_summary.h"
#include "adaround/sweep_folder.h"
#include "main_window.h"
#include "sweep_heat_map.h"
#include "sweep_knob_plot.h"
#include "sweep_launcher.h"
#include "sweep_parallel_plot.h"
#include "sweep_points_model.h"
#include "sweep_view.h"
#include "sweep_watcher.h"

#include <QLocale>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

#include "app_test_support.h"

#include <cmath>
#include <map>

namespace {

const QString kCnn = QStringLiteral(ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt");

// A short sweep of the small demo at 3 bits; more options (the grid, --out) follow.
QStringList sweepArgs(int iterations)
{
    return {QStringLiteral("sweep"), QStringLiteral("--model"), kCnn, QStringLiteral("--calib"),
            QStringLiteral(ADAROUND_TEST_SMALL_DEMO_DIR "/calib"), QStringLiteral("--eval"),
            QStringLiteral(ADAROUND_TEST_SMALL_DEMO_DIR "/eval"), QStringLiteral("--bits"), QStringLiteral("3"),
            QStringLiteral("--iters"), QString::number(iterations), QStringLiteral("--calib-size"),
            QStringLiteral("64"), QStringLiteral("--eval-subset"), QStringLiteral("100"),
            QStringLiteral("--stats-interval"), QStringLiteral("10")};
}

double mean(const std::vector<double>& v)
{
    double s = 0;
    for (double x : v)
        s += x;
    return s / double(v.size());
}

double sampleStd(const std::vector<double>& v)
{
    const double m = mean(v);
    double ss = 0;
    for (double x : v)
        ss += (x - m) * (x - m);
    return v.size() > 1 ? std::sqrt(ss / double(v.size() - 1)) : 0.0;
}

void waitForReport(SweepView& view, int rows)
{
    QTRY_VERIFY_WITH_TIMEOUT(view.model()->rowCount() == rows, 30000);
    view.watcher()->waitForRead();
    QCoreApplication::processEvents();
}

} // namespace

class SweepViewTest : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString sweep_;
    // The logs' own figures, by point: AdaRound top-1, and the point's settings.
    std::map<int, double> top1_;
    std::map<int, std::pair<QString, QString>> settings_; // lambda, beta

private slots:
    void initTestCase()
    {
        QVERIFY(tmp_.isValid());
        sweep_ = tmp_.filePath(QStringLiteral("lb"));
        apptest::runCli(sweepArgs(20) << QStringLiteral("--grid") << QStringLiteral("lambda=0.01,0.1")
                                      << QStringLiteral("--grid") << QStringLiteral("beta=20:2,10:2")
                                      << QStringLiteral("--seeds") << QStringLiteral("2") << QStringLiteral("--jobs")
                                      << QStringLiteral("2") << QStringLiteral("--out") << sweep_);
        const adaround::SweepManifest m = adaround::readSweepManifest(sweep_.toStdString());
        QCOMPARE(int(m.points.size()), 8);
        for (const auto& p : m.points) {
            const auto summary = adaround::readRunLogSummary(adaround::sweepPointLogPath(m.dir, p.index, 1));
            QVERIFY(summary.finished);
            top1_[p.index] = summary.finished->adaround.top1;
            settings_[p.index] = {QString::fromStdString(p.settings[0].second),
                                  QString::fromStdString(p.settings[1].second)};
        }
    }

    void tableHoldsTheLogsFigures()
    {
        SweepView view;
        view.openFolder(sweep_);
        waitForReport(view, 8);
        SweepPointsModel* m = view.model();
        QCOMPARE(m->keys(), (QStringList{QStringLiteral("lambda"), QStringLiteral("beta")}));
        QCOMPARE(m->headerData(m->column(SweepPointsModel::AdaRound), Qt::Horizontal).toString(),
                 QStringLiteral("AdaRound %"));
        for (int row = 0; row < 8; ++row) {
            const int point = m->index(row, 0).data(SweepPointsModel::NumberRole).toInt();
            QCOMPARE(m->index(row, m->keyColumn(0)).data().toString(), settings_[point].first);
            QCOMPARE(m->index(row, m->keyColumn(1)).data().toString(), settings_[point].second);
            QCOMPARE(m->status(row), QStringLiteral("completed"));
            QCOMPARE(m->index(row, m->column(SweepPointsModel::AdaRound)).data(SweepPointsModel::NumberRole).toDouble(),
                     top1_[point]);
            QCOMPARE(m->index(row, m->column(SweepPointsModel::AdaRound)).data().toString(),
                     QLocale().toString(top1_[point], 'f', 2));
            QVERIFY(m->index(row, m->column(SweepPointsModel::Fp32)).data(SweepPointsModel::NumberRole).toDouble() > 50);
            QVERIFY(m->index(row, m->column(SweepPointsModel::Seconds)).data(SweepPointsModel::NumberRole).toDouble() > 0);
            const double settled =
                m->index(row, m->column(SweepPointsModel::Settled)).data(SweepPointsModel::NumberRole).toDouble();
            QVERIFY(settled >= 0 && settled <= 1);
        }
        QVERIFY2(view.summaryText().contains(QStringLiteral("8 completed")), qPrintable(view.summaryText()));
        QVERIFY(view.summaryText().contains(QStringLiteral("best:")));
        QVERIFY(!view.watcher()->isPolling()); // nothing left to run: no polling

        // A refresh re-reads no completed log (the cache), and the table keeps its selection.
        const int reads = view.watcher()->logsRead();
        QCOMPARE(reads, 8);
        view.selectPoints({3, 5});
        QCOMPARE(view.selectedLogs().size(), 2);
        view.watcher()->refresh();
        view.watcher()->waitForRead();
        QCOMPARE(view.watcher()->logsRead(), reads);
        QCOMPARE(view.selectedLogs(), (QStringList{QString::fromStdString(adaround::sweepPointLogPath(
                                                       QFileInfo(sweep_).absoluteFilePath().toStdString(), 3, 1)),
                                                   QString::fromStdString(adaround::sweepPointLogPath(
                                                       QFileInfo(sweep_).absoluteFilePath().toStdString(), 5, 1))}));
    }

    void plotsShowMeanAndStdOverSeeds()
    {
        SweepView view;
        view.openFolder(sweep_);
        waitForReport(view, 8);
        // The test's own grouping of the logs' figures: (lambda, beta) -> top-1 per seed.
        std::map<std::pair<QString, QString>, std::vector<double>> groups;
        for (const auto& [point, top1] : top1_)
            groups[settings_[point]].push_back(top1);
        QCOMPARE(int(groups.size()), 4);

        // Top-1 against lambda: one line per beta, x = lambda, y = mean, error bar = sample std.
        view.setKnob(QStringLiteral("lambda"));
        SweepKnobPlot* plot = view.knobPlot();
        QCOMPARE(plot->lineCount(), 2);
        QVERIFY2(plot->titleText().contains(QStringLiteral("2 seeds")), qPrintable(plot->titleText()));
        QCOMPARE(plot->xAxis->scaleType(), QCPAxis::stLogarithmic); // 0.01 to 0.1
        const QStringList betas{QStringLiteral("20:2"), QStringLiteral("10:2")};
        for (int line = 0; line < 2; ++line) {
            QCOMPARE(plot->graph(line)->name(), QStringLiteral("beta=%1").arg(betas[line]));
            const auto* data = plot->graph(line)->data().data();
            QCOMPARE(data->size(), 2);
            const double lambdas[] = {0.01, 0.1};
            for (int k = 0; k < 2; ++k) {
                const auto& g = groups[{QString::number(lambdas[k]), betas[line]}];
                QCOMPARE(data->at(k)->key, lambdas[k]);
                QVERIFY(std::abs(data->at(k)->value - mean(g)) < 1e-9);
                const double err = plot->errorBars(line)->data()->at(k).errorPlus;
                QVERIFY(std::abs(err - sampleStd(g)) < 1e-9);
                QCOMPARE(plot->errorBars(line)->data()->at(k).errorMinus, err);
            }
        }
        // Against beta (not a number): named ticks in the sweep's order, one line per lambda.
        view.setKnob(QStringLiteral("beta"));
        QCOMPARE(plot->lineCount(), 2);
        auto ticks = plot->xAxis->ticker().dynamicCast<QCPAxisTickerText>();
        QVERIFY(ticks);
        QCOMPARE(ticks->ticks().value(0), QStringLiteral("20:2"));
        QCOMPARE(ticks->ticks().value(1), QStringLiteral("10:2"));

        // Heat map: columns lambda, rows beta, each cell the mean over its seeds, written in it.
        view.setHeatMapKnobs(QStringLiteral("lambda"), QStringLiteral("beta"));
        SweepHeatMap* heat = view.heatMap();
        QCOMPARE(heat->map()->data()->keySize(), 2);
        QCOMPARE(heat->map()->data()->valueSize(), 2);
        const QStringList lambdas{QStringLiteral("0.01"), QStringLiteral("0.1")};
        double lo = 1e9, hi = -1e9;
        for (int ix = 0; ix < 2; ++ix)
            for (int iy = 0; iy < 2; ++iy) {
                const double expected = mean(groups[{lambdas[ix], betas[iy]}]);
                QVERIFY(std::abs(heat->map()->data()->cell(ix, iy) - expected) < 1e-9);
                QCOMPARE(heat->cellText(ix, iy), QLocale().toString(expected, 'f', 2));
                lo = std::min(lo, expected), hi = std::max(hi, expected);
            }
        if (hi > lo) {
            QCOMPARE(heat->colorScale()->dataRange().lower, lo);
            QCOMPARE(heat->colorScale()->dataRange().upper, hi);
        }
        QVERIFY2(heat->titleText().contains(QStringLiteral("lambda and beta")), qPrintable(heat->titleText()));

        // Parallel coordinates: an axis per knob and top-1, a polyline per completed point,
        // ending at its top-1's height on the last axis.
        SweepParallelPlot* par = view.parallelPlot();
        QCOMPARE(par->axisNames(),
                 (QStringList{QStringLiteral("lambda"), QStringLiteral("beta"), QStringLiteral("AdaRound top-1 (%)")}));
        QCOMPARE(par->lineCount(), 8);
        double allLo = 1e9, allHi = -1e9;
        for (const auto& [p, t] : top1_)
            allLo = std::min(allLo, t), allHi = std::max(allHi, t);
        for (int line = 0; line < 8; ++line) {
            const QVector<double> h = par->lineHeights(line);
            QCOMPARE(h.size(), 3);
            const int point = par->linePoint(line);
            QCOMPARE(h[0], settings_[point].first == QStringLiteral("0.01") ? 0.0 : 1.0);
            QCOMPARE(h[1], settings_[point].second == QStringLiteral("20:2") ? 0.0 : 1.0);
            if (allHi > allLo)
                QVERIFY(std::abs(h[2] - (top1_[point] - allLo) / (allHi - allLo)) < 1e-9);
        }
        // A click on a polyline selects its point in the table.
        emit par->pointClicked(par->linePoint(6));
        QCOMPARE(view.selectedLogs().size(), 1);
    }

    // A folder whose points have not run: pending, polled; a point run now turns completed.
    void followsPointsLive()
    {
        const QString dir = tmp_.filePath(QStringLiteral("live"));
        apptest::runCli(sweepArgs(10) << QStringLiteral("--grid") << QStringLiteral("lambda=0.01,0.1")
                                      << QStringLiteral("--out") << dir << QStringLiteral("--dry-run"));
        SweepView view;
        view.openFolder(dir);
        waitForReport(view, 2);
        QCOMPARE(view.model()->status(0), QStringLiteral("pending"));
        QCOMPARE(view.model()->status(1), QStringLiteral("pending"));
        QVERIFY(view.watcher()->isPolling());
        QVERIFY(view.summaryText().contains(QStringLiteral("live")));
        QVERIFY(!view.knobPlot()->titleText().contains(QStringLiteral("seeds"))); // nothing completed yet

        const QString config = QString::fromStdString(adaround::sweepPointConfigPath(dir.toStdString(), 1));
        const QString log = QString::fromStdString(adaround::sweepPointLogPath(
            QFileInfo(dir).absoluteFilePath().toStdString(), 1, 1));
        apptest::runCli({QStringLiteral("run"), QStringLiteral("--config"), config, QStringLiteral("--log"), log,
                         QStringLiteral("--quiet")});
        QTRY_COMPARE_WITH_TIMEOUT(view.model()->status(1), QStringLiteral("completed"), 20000);
        QCOMPARE(view.model()->status(0), QStringLiteral("pending"));
        QCOMPARE(view.model()->index(1, view.model()->column(SweepPointsModel::AdaRound))
                     .data(SweepPointsModel::NumberRole)
                     .toDouble(),
                 adaround::readRunLogSummary(log.toStdString()).finished->adaround.top1);
        QVERIFY(view.watcher()->isPolling()); // point 000 is still pending
        QCOMPARE(view.knobPlot()->lineCount(), 1);
    }

    // Run > Sweep from Current Setup: the CLI started on the setup, its folder shown live, stopped.
    void startsAndStopsASweep()
    {
        MainWindow w;
        w.setConfirmCloseDuringRun(false);
        apptest::prepareShortRun(w, 200000, tmp_.filePath(QStringLiteral("runs"))); // long: stopped below
        w.sweepLauncher()->setCliProgram(QStringLiteral(ADAROUND_TEST_CLI));
        const QString out = tmp_.filePath(QStringLiteral("from-setup"));
        QVERIFY(!w.startSweep({{QStringLiteral("lambda=0.01,0.1")}, 1, 1, QString()})); // no folder
        // A folder holding another base-config.json is refused, the file left as it was.
        const QString other = tmp_.filePath(QStringLiteral("other-sweep"));
        QVERIFY(QDir().mkpath(other));
        QFile theirs(other + QStringLiteral("/base-config.json"));
        QVERIFY(theirs.open(QIODevice::WriteOnly));
        theirs.write("{\"iterations\": 7}\n");
        theirs.close();
        QVERIFY(!w.startSweep({{QStringLiteral("lambda=0.01,0.1")}, 1, 1, other}));
        QVERIFY(!w.sweepLauncher()->isRunning());
        QVERIFY(theirs.open(QIODevice::ReadOnly));
        QCOMPARE(theirs.readAll(), QByteArray("{\"iterations\": 7}\n"));
        theirs.close();
        QVERIFY(w.startSweep({{QStringLiteral("lambda=0.01,0.1")}, 1, 1, out}));
        QVERIFY(w.sweepLauncher()->isRunning());
        QVERIFY(w.sweepLauncher()->arguments().contains(QStringLiteral("--grid")));
        QVERIFY(QFileInfo::exists(out + QStringLiteral("/base-config.json")));
        SweepView* view = w.sweepView();
        QVERIFY(view);
        QTRY_VERIFY_WITH_TIMEOUT(view->model()->rowCount() == 2 && view->model()->status(0) == QLatin1String("running"),
                                 60000);
        QCOMPARE(view->model()->status(1), QStringLiteral("pending"));
        QCOMPARE(view->model()->point(0)["config"]["iterations"].get<int>(), 200000); // the setup's
        QSignalSpy ended(w.sweepLauncher(), &SweepLauncher::finished);
        emit view->stopRequested();
        QVERIFY(ended.wait(60000));
        QCOMPARE(ended.first().first().toInt(), 3); // stopped
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->status(0), QStringLiteral("cancelled"), 20000);
        QCOMPARE(view->model()->status(1), QStringLiteral("pending"));
    }
};

QTEST_MAIN(SweepViewTest)
#include "sweep_view_test.moc"
