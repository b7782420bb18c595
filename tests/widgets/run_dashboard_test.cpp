// RunDashboard fed with the events of a real short AdaRound run on the demo
// CNN: every view's data must equal the events, live and from a record;
// comparisons overlay; exports write real files; clear() empties everything.
// A QAbstractItemModelTester watches the per-layer results model through the
// dashboard's own updates (rows added live, resets by showRecord and clear).
#include "accuracy_plot.h"
#include "histogram_history_plot.h"
#include "histogram_plot.h"
#include "layer_results_model.h"
#include "loss_plot.h"
#include "run_dashboard.h"

#include "dashboard_test_support.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <map>
#include <optional>

using namespace adaround;
using namespace dashboardtest;

class RunDashboardTest : public QObject {
    Q_OBJECT
    RunRecord run_;
    std::optional<RunRecord> otherRun_;
    std::map<int, double> offsets_; // layer -> first run-wide iteration

    // A second run to compare with, made only by the tests that overlay it.
    const RunRecord& other()
    {
        if (!otherRun_)
            otherRun_ = realRun(0.1);
        return *otherRun_;
    }

    // Checks every view against the run's events.
    void checkShowsRun(RunDashboard& d)
    {
        const RunRecord& r = run_;
        auto* loss = view<LossPlot>(d, "loss");
        const auto rec = loss->points(LossPlot::Rec);
        const auto round = loss->points(LossPlot::Round);
        const auto total = loss->points(LossPlot::Total);
        const auto beta = loss->points(LossPlot::Beta);
        QCOMPARE(rec.size(), r.iterations.size());
        QCOMPARE(round.size(), r.iterations.size());
        QCOMPARE(total.size(), r.iterations.size());
        QCOMPARE(beta.size(), r.iterations.size());
        for (size_t i = 0; i < r.iterations.size(); ++i) {
            const IterationStats& e = r.iterations[i];
            const double x = offsets_.at(e.layer) + e.iteration;
            QCOMPARE(rec[i].key, x);
            QCOMPARE(beta[i].key, x);
            QVERIFY(sameValue(rec[i].value, e.recLoss));
            QVERIFY(sameValue(round[i].value, e.roundLoss));
            QVERIFY(sameValue(total[i].value, e.total));
            QCOMPARE(beta[i].value, e.beta);
        }
        // Warm-up: no rounding loss at first, then it appears.
        QVERIFY(std::isnan(round.front().value));
        QVERIFY(round[kIterations / 10 - 1].value > 0);
        // Only the last layer's curves are live; the others were retired.
        QCOMPARE(loss->liveGraph(LossPlot::Rec)->dataCount(), kIterations / 10);
        QCOMPARE(loss->layerBoundaryCount(), 4); // conv2 is RTN-only: no iterations to mark
        QCOMPARE(loss->yAxis2->range().lower, 0.0);
        QVERIFY(loss->yAxis2->range().upper >= r.started.config.betaStart);
        QCOMPARE(loss->xAxis->range().upper, 4.0 * kIterations);

        auto* hist = view<HistogramPlot>(d, "histogram");
        const HistogramSnapshot& last = r.histograms.back();
        const std::vector<double> expected = shares(last);
        QCOMPARE(hist->bars()->dataCount(), kBins);
        for (int b = 0; b < kBins; ++b) {
            QCOMPARE(hist->bars()->data()->at(b)->key, (b + 0.5) / kBins);
            QVERIFY(std::abs(hist->bars()->data()->at(b)->value - 100.0 * expected[size_t(b)]) < 1e-9);
        }
        QVERIFY(hist->title().contains(QStringLiteral("fc2")));
        QVERIFY(hist->title().contains(QString::number(kIterations)));
        QVERIFY(hist->title().contains(QString::number(100.0 * last.settledShare, 'f', 1) + QLatin1Char('%')));

        auto* history = view<HistogramHistoryPlot>(d, "history");
        const int columns = kIterations / kHistogramInterval + 1;
        QCOMPARE(history->map()->data()->keySize(), columns);
        QCOMPARE(history->map()->data()->valueSize(), kBins);
        QCOMPARE(history->snapshotsShown(), columns);
        int column = 0;
        for (const HistogramSnapshot& s : r.histograms) {
            if (s.layer != last.layer)
                continue;
            const std::vector<double> sh = shares(s);
            for (int b = 0; b < kBins; ++b)
                QCOMPARE(history->map()->data()->cell(column, b), std::max(sh[size_t(b)], 1e-4));
            ++column;
        }
        QCOMPARE(column, columns);

        auto* acc = view<AccuracyPlot>(d, "accuracy");
        QCOMPARE(acc->rtnGraph()->dataCount(), int(r.progress.size()));
        for (int i = 0; i < int(r.progress.size()); ++i) {
            QCOMPARE(acc->rtnGraph()->data()->at(i)->key, double(r.progress[size_t(i)].layersDone));
            QCOMPARE(acc->rtnGraph()->data()->at(i)->value, r.progress[size_t(i)].rtnTop1);
            QCOMPARE(acc->adaroundGraph()->data()->at(i)->value, r.progress[size_t(i)].adaroundTop1);
        }
        QVERIFY(r.finished.has_value());
        QVERIFY(r.baseline.has_value());
        QCOMPARE(acc->fp32Graph()->dataCount(), 2); // the subset's FP32, not the final's
        QCOMPARE(acc->fp32Graph()->data()->at(0)->value, r.baseline->fp32.top1);
        QCOMPARE(acc->rtnPlanGraph()->data()->at(1)->value, r.baseline->rtn.top1);
        QVERIFY(acc->finalRect() != nullptr);
        QCOMPARE(acc->finalTop1()->data()->at(0)->value, r.finished->fp32.top1);
        QCOMPARE(acc->finalTop1()->data()->at(1)->value, r.finished->rtn.top1);
        QCOMPARE(acc->finalTop1()->data()->at(2)->value, r.finished->adaround.top1);
        QCOMPARE(acc->finalTop5()->data()->at(2)->value, r.finished->adaround.top5);

        QAbstractItemModel* table = d.layerTable();
        QCOMPARE(table->rowCount(), int(r.layers.size()));
        for (int i = 0; i < int(r.layers.size()); ++i) {
            const LayerFinished& f = r.layers[size_t(i)];
            auto cell = [&](int col) { return table->index(i, col).data().toString(); };
            QCOMPARE(cell(LayerResultsModel::Layer), QString::fromStdString(f.name));
            QCOMPARE(cell(LayerResultsModel::Bits), QString::number(f.bits));
            QCOMPARE(cell(LayerResultsModel::RecRtn), QString::number(f.recMseRtn, 'e', 2));
            QCOMPARE(cell(LayerResultsModel::Seconds), QString::number(f.seconds, 'f', 1));
            if (f.optimised) {
                QCOMPARE(cell(LayerResultsModel::RecHard), QString::number(f.recMseHard, 'e', 2));
                QCOMPARE(cell(LayerResultsModel::Flipped), QString::number(100 * f.flippedShare, 'f', 1));
                QCOMPARE(cell(LayerResultsModel::KeptRtn), f.keptRtn ? QStringLiteral("yes") : QString());
                QCOMPARE(cell(LayerResultsModel::Objective), QString::fromStdString(toString(f.objective)));
            } else {
                QCOMPARE(cell(LayerResultsModel::KeptRtn), QStringLiteral("RTN only"));
                QVERIFY2(f.recMseRtn > 0, "an RTN-only layer between optimised ones has its real RTN error");
            }
        }
    }

private slots:
    void initTestCase()
    {
        run_ = realRun(0.01);
        double next = 0;
        for (const LayerStarted& s : run_.layerStarts) {
            offsets_[s.layer] = next;
            next += s.iterations;
        }
        QCOMPARE(run_.layers.size(), size_t(5));
        QCOMPARE(run_.iterations.size(), size_t(4 * kIterations / 10));
    }

    void liveEventsFillEveryView()
    {
        RunDashboard d;
        QAbstractItemModelTester tester(d.layerTable(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto feed = slotOf(d);
        replay(run_, feed);
        // Axis ranges follow at the next coalesced redraw (the x axis spans the planned iterations).
        QTRY_COMPARE(d.plot(QStringLiteral("loss"))->xAxis->range().upper, 4.0 * kIterations);
        checkShowsRun(d);
    }

    void liveEventsAreDrawnCoalesced()
    {
        RunDashboard d;
        QAbstractItemModelTester tester(d.layerTable(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        d.resize(1200, 900);
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        // The first layout's resizes replot at once; the layout requests they come
        // from are posted events: deliver them all before counting.
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        QSignalSpy lossReplots(d.plot(QStringLiteral("loss")), &QCustomPlot::afterReplot);
        QSignalSpy historyReplots(d.plot(QStringLiteral("history")), &QCustomPlot::afterReplot);
        auto feed = slotOf(d);
        replay(run_, feed); // ~200 events within one turn of the event loop
        QCOMPARE(lossReplots.count(), 0);
        QTRY_COMPARE(lossReplots.count(), 1);
        // Asserting that nothing more comes needs a window of time: longer than
        // the 100 ms redraw interval. A slow machine can only make this pass, not fail.
        QTest::qWait(150);
        QCOMPARE(lossReplots.count(), 1);
        // One more may come from a relayout: the results table sizing its columns
        // to the first rows can move the grid's splitters once.
        QVERIFY2(historyReplots.count() <= 2, qPrintable(QString::number(historyReplots.count())));
    }

    void showRecordFillsEveryViewAtOnce()
    {
        RunDashboard d;
        QAbstractItemModelTester tester(d.layerTable(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        d.showRecord(run_);
        checkShowsRun(d);
        d.showRecord(run_); // again: replaces, does not add
        checkShowsRun(d);
    }

    void comparisonsOverlayNamedCurves()
    {
        RunDashboard d;
        d.showRecord(run_);
        auto* loss = view<LossPlot>(d, "loss");
        auto* acc = view<AccuracyPlot>(d, "accuracy");
        const int lossGraphs = loss->graphCount();
        const int accGraphs = acc->graphCount();
        const QString label = QStringLiteral("λ=0.1");
        d.addComparison(other(), label);
        QCOMPARE(loss->graphCount(), lossGraphs + 2);
        QCOMPARE(int(loss->comparisonGraphs().size()), 2);
        for (QCPGraph* g : loss->comparisonGraphs()) {
            QVERIFY(g->name().startsWith(label));
            QCOMPARE(g->dataCount(), int(other().iterations.size()));
            QVERIFY(g->pen().style() == Qt::DashLine || g->pen().style() == Qt::DotLine);
            QVERIFY(g->pen().color() != loss->liveGraph(LossPlot::Rec)->pen().color());
            QVERIFY(loss->legend->hasItemWithPlottable(g));
        }
        QCOMPARE(loss->comparisonGraphs()[0]->data()->at(3)->value, other().iterations[3].recLoss);
        QCOMPARE(acc->graphCount(), accGraphs + 1);
        QCPGraph* curve = acc->comparisonGraphs().front();
        // Measured on as many images as the main run's lines (the caption says how
        // many): the name does not repeat it; another count would be named.
        QCOMPARE(other().baseline->fp32.count, run_.baseline->fp32.count);
        QCOMPARE(curve->name(), label + QStringLiteral(": AdaRound"));
        QCOMPARE(curve->dataCount(), int(other().progress.size()));
        QCOMPARE(curve->data()->at(0)->value, other().progress[0].adaroundTop1);

        d.addComparison(other(), QStringLiteral("second"));
        QCOMPARE(loss->graphCount(), lossGraphs + 4);
        QVERIFY(loss->comparisonGraphs()[2]->pen().color() != loss->comparisonGraphs()[0]->pen().color());

        // A new main run keeps the comparisons; clearComparisons drops them.
        d.showRecord(run_);
        QCOMPARE(loss->graphCount(), lossGraphs + 4);
        d.clearComparisons();
        QCOMPARE(loss->graphCount(), lossGraphs);
        QCOMPARE(acc->graphCount(), accGraphs);
        checkShowsRun(d);
    }

    void exportsPlotsAndTable()
    {
        QTemporaryDir dir;
        RunDashboard d;
        d.resize(1300, 950);
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        d.showRecord(run_);
        for (const QString& name : d.plotNames()) {
            QCustomPlot* p = d.plot(name);
            const QString png = dir.filePath(name + QStringLiteral(".png"));
            QString error;
            QVERIFY2(d.exportPlot(name, png, &error), qPrintable(error));
            const QImage image(png);
            QVERIFY(!image.isNull());
            QCOMPARE(image.size(), p->size() * p->devicePixelRatioF());
            // Not blank: a plot has many colours.
            QSet<QRgb> colours;
            for (int y = 0; y < image.height(); y += 3)
                for (int x = 0; x < image.width(); x += 3)
                    colours.insert(image.pixel(x, y));
            QVERIFY2(colours.size() > 20, qPrintable(name));

            const QString pdf = dir.filePath(name + QStringLiteral(".pdf"));
            QVERIFY2(d.exportPlot(name, pdf, &error), qPrintable(error));
            QFile f(pdf);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY(f.read(5) == "%PDF-");
            QVERIFY(f.size() > 2000);
        }
        QString error;
        QVERIFY(!d.exportPlot(QStringLiteral("loss"), dir.filePath(QStringLiteral("x.bmpx")), &error));
        QVERIFY(error.contains(QStringLiteral(".png")));
        QVERIFY(!d.exportPlot(QStringLiteral("nope"), dir.filePath(QStringLiteral("x.png")), &error));
        QVERIFY(error.contains(QStringLiteral("nope")));
        QVERIFY(!d.exportPlot(QStringLiteral("loss"), QStringLiteral("/nonexistent/dir/x.png"), &error));

        const QString csv = dir.filePath(QStringLiteral("layers.csv"));
        QVERIFY2(d.exportLayerTableCsv(csv, &error), qPrintable(error));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), int(run_.layers.size()) + 1);
        QVERIFY(lines[0].startsWith(QStringLiteral("layer,bits,optimised,rec_mse_rtn")));
        for (size_t i = 0; i < run_.layers.size(); ++i) {
            const LayerFinished& l = run_.layers[i];
            const QStringList fields = lines[int(i) + 1].split(QLatin1Char(','));
            QCOMPARE(fields.size(), 11);
            QCOMPARE(fields[0], QString::fromStdString(l.name));
            QCOMPARE(fields[1].toInt(), l.bits);
            QCOMPARE(fields[2], l.optimised ? QStringLiteral("yes") : QStringLiteral("no"));
            QVERIFY(std::abs(fields[3].toDouble() - l.recMseRtn) <= 1e-9 * l.recMseRtn);
            if (l.optimised) {
                QVERIFY(std::abs(fields[5].toDouble() - l.recMseHard) <= 1e-9 * l.recMseHard);
                QVERIFY(std::abs(fields[7].toDouble() - 100 * l.flippedShare) <= 1e-7);
            } else {
                QVERIFY(fields[5].isEmpty());
            }
            QCOMPARE(fields[6], l.keptRtn ? QStringLiteral("yes") : QStringLiteral("no"));
            QCOMPARE(fields[10], l.optimised ? QString::fromStdString(toString(l.objective)) : QString());
        }
        QVERIFY(!d.exportLayerTableCsv(QStringLiteral("/nonexistent/dir/layers.csv"), &error));
        QVERIFY(error.contains(QStringLiteral("/nonexistent/dir/layers.csv")));
    }

    void cancelledRunShowsWhatWasDone()
    {
        RunRecord cut = run_;
        cut.layers.resize(2);
        cut.progress.resize(2);
        cut.layerStarts.resize(3);
        cut.finished.reset();
        cut.end = RunEnd::Cancelled;
        cut.layersDone = 2;
        RunDashboard d;
        QAbstractItemModelTester tester(d.layerTable(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        d.showRecord(cut);
        QCOMPARE(d.layerTable()->rowCount(), 2);
        QCOMPARE(view<AccuracyPlot>(d, "accuracy")->finalRect(), nullptr);
        QCOMPARE(view<AccuracyPlot>(d, "accuracy")->note(), nullptr); // its baseline came before the first layer
        auto* banner = d.findChild<QLabel*>(QStringLiteral("runBanner"));
        QVERIFY(banner && !banner->isHidden());
        QVERIFY(banner->text().contains(QStringLiteral("cancelled after 2 of 5")));
        d.onRunEvent(RunFailed{"conv3: NaN weights"});
        QVERIFY(banner->text().contains(QStringLiteral("conv3: NaN weights")));
        d.showRecord(run_);
        QVERIFY(banner->isHidden());
    }

    // A cancel while loading images ends a run before RunStarted: the banner says
    // so and does not count the previous run's layers (live or from a stored log).
    void cancelWhileLoadingSaysNothingWasQuantized()
    {
        RunDashboard d;
        d.showRecord(run_); // 5 layers
        d.clear();          // the next run starts
        d.onRunEvent(RunCancelled{0});
        auto* banner = d.findChild<QLabel*>(QStringLiteral("runBanner"));
        QVERIFY(banner && !banner->isHidden());
        QVERIFY2(banner->text().contains(QStringLiteral("while loading")), qPrintable(banner->text()));
        QVERIFY(!banner->text().contains(QStringLiteral("of 5")));
        RunRecord stored;
        stored.end = RunEnd::Cancelled;
        d.clear();
        QVERIFY(banner->isHidden());
        d.showRecord(stored);
        QVERIFY(!banner->isHidden());
        QVERIFY(banner->text().contains(QStringLiteral("while loading")));
        QCOMPARE(d.layerTable()->rowCount(), 0);
    }

    void clearEmptiesEverything()
    {
        RunDashboard d;
        QAbstractItemModelTester tester(d.layerTable(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        d.showRecord(run_);
        d.addComparison(other(), QStringLiteral("other"));
        d.clear();
        auto* loss = view<LossPlot>(d, "loss");
        for (int i = 0; i < loss->graphCount(); ++i)
            QCOMPARE(loss->graph(i)->dataCount(), 0);
        QCOMPARE(loss->graphCount(), 4);
        QCOMPARE(loss->layerBoundaryCount(), 0);
        QCOMPARE(loss->itemCount(), 0);
        QCOMPARE(view<HistogramPlot>(d, "histogram")->bars()->dataCount(), 0);
        QCOMPARE(view<HistogramHistoryPlot>(d, "history")->map()->data()->keySize(), 0);
        auto* acc = view<AccuracyPlot>(d, "accuracy");
        QCOMPARE(acc->graphCount(), 4);
        for (int i = 0; i < acc->graphCount(); ++i)
            QCOMPARE(acc->graph(i)->dataCount(), 0);
        QCOMPARE(acc->finalRect(), nullptr);
        QCOMPARE(acc->plottableCount(), 4);
        QCOMPARE(acc->itemCount(), 0);
        QCOMPARE(d.layerTable()->rowCount(), 0);
    }
};

QTEST_MAIN(RunDashboardTest)
#include "run_dashboard_test.moc"
