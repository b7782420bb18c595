// The accuracy plot on a real short AdaRound run of the demo CNN: every line
// measured on the same eval subset and named with its count, the full-set
// finals as bars of their own; a results table that never shows an unmeasured
// RTN error as 0.
#include "accuracy_plot.h"
#include "layer_results_model.h"
#include "run_dashboard.h"

#include "dashboard_test_support.h"

#include <QtTest>

#include <cmath>

using namespace adaround;
using namespace dashboardtest;

class AccuracyPlotTest : public QObject {
    Q_OBJECT
    RunRecord run_;

private slots:
    void initTestCase() { run_ = realRun(0.01); }

    // Every line on the curve axes is measured on the run's eval subset, and the
    // legend's caption says how many images; the full-set finals are
    // bars in their own panel, named with their count, never a line the subset
    // curve is read against. A log without the baseline says so.
    void accuracyLinesShareTheSubsetAndNameIt()
    {
        RunDashboard d;
        d.showRecord(run_);
        auto* acc = view<AccuracyPlot>(d, "accuracy");
        QVERIFY(run_.baseline.has_value());
        const QString subset = QStringLiteral("same %1 eval images").arg(run_.baseline->fp32.count);
        QCOMPARE(acc->subsetImages(), run_.baseline->fp32.count);
        QCOMPARE(acc->yAxis->label(), QStringLiteral("Top-1 (%)")); // short: the caption counts the images
        // The caption sits right above the legend entries and names both counts.
        QVERIFY2(acc->legendCaption()->text().contains(subset), qPrintable(acc->legendCaption()->text()));
        QVERIFY2(acc->legendCaption()->text().contains(QStringLiteral("bars: all %1").arg(run_.finished->fp32.count)),
                 qPrintable(acc->legendCaption()->text()));
        QCPLayoutGrid* layout = acc->plotLayout();
        int captionRow = -1, legendRow = -1;
        for (int row = 0; row < layout->rowCount(); ++row) {
            captionRow = layout->element(row, 0) == acc->legendCaption() ? row : captionRow;
            legendRow = layout->element(row, 0) == acc->legend ? row : legendRow;
        }
        QCOMPARE(legendRow, captionRow + 1);
        // Every line is on the curve axes and in the legend: FP32 and RTN of all
        // layers (flat), RTN and AdaRound so far.
        QCOMPARE(acc->graphCount(), 4);
        for (int i = 0; i < acc->graphCount(); ++i) {
            QCPGraph* g = acc->graph(i);
            QCOMPARE(g->keyAxis()->axisRect(), acc->axisRect());
            QVERIFY(acc->legend->hasItemWithPlottable(g));
        }
        // The curve starts before the first layer, at the subset's FP32.
        QCOMPARE(acc->adaroundGraph()->data()->at(0)->key, 0.0);
        QCOMPARE(acc->adaroundGraph()->data()->at(0)->value, run_.baseline->fp32.top1);
        // Flat lines are the subset's FP32 and whole-plan RTN, nothing else.
        for (QCPGraph* level : {acc->fp32Graph(), acc->rtnPlanGraph()}) {
            QCOMPARE(level->dataCount(), 2);
            QCOMPARE(level->data()->at(0)->value, level->data()->at(1)->value);
        }
        QCOMPARE(acc->fp32Graph()->data()->at(0)->value, run_.baseline->fp32.top1);
        QCOMPARE(acc->rtnPlanGraph()->data()->at(0)->value, run_.baseline->rtn.top1);
        // The finals: bars in the other panel, named with the whole folder's count.
        const QString all = QStringLiteral("all %1").arg(run_.finished->fp32.count);
        QVERIFY(acc->finalRect() && acc->finalRect() != acc->axisRect());
        for (QCPBars* bars : {acc->finalTop1(), acc->finalTop5()}) {
            QCOMPARE(bars->keyAxis()->axisRect(), acc->finalRect());
            QVERIFY2(bars->name().contains(all), qPrintable(bars->name()));
        }
        QVERIFY(acc->finalRect()->axis(QCPAxis::atBottom)->label().contains(all));
        QCOMPARE(acc->finalTop1()->data()->at(0)->value, run_.finished->fp32.top1);
        QCOMPARE(acc->note(), nullptr);

        // A log written before the baseline: no FP32/RTN lines, and a note why.
        RunRecord old = run_;
        old.baseline.reset();
        old.progress.erase(old.progress.begin()); // nor the point at 0 layers
        d.showRecord(old);
        QCOMPARE(acc->fp32Graph()->dataCount(), 0);
        QCOMPARE(acc->rtnPlanGraph()->dataCount(), 0);
        QVERIFY(!acc->legend->hasItemWithPlottable(acc->fp32Graph()));
        QVERIFY(acc->note() != nullptr);
        QVERIFY2(acc->note()->text().contains(QStringLiteral("before")), qPrintable(acc->note()->text()));
        // The planned subset still names the curves' images.
        QVERIFY(acc->legendCaption()->text().contains(QStringLiteral("same %1 eval").arg(run_.started.config.evalSubset)));
    }

    // Run > Evaluate FP32 / RTN: full-set figures alone, in the bar panel.
    void evaluationWithoutARunShowsFullSetBars()
    {
        AccuracyPlot acc;
        acc.setEvaluation({92.77, 99.8, 10000}, {77.72, 97.1, 10000}, 10000);
        acc.refresh();
        QVERIFY(acc.finalRect() != nullptr);
        QCOMPARE(acc.finalTop1()->dataCount(), 2);
        QCOMPARE(acc.finalTop1()->data()->at(1)->value, 77.72);
        QVERIFY(acc.finalRect()->axis(QCPAxis::atBottom)->label().contains(QStringLiteral("No AdaRound")));
        for (int i = 0; i < acc.graphCount(); ++i)
            QCOMPARE(acc.graph(i)->dataCount(), 0);
        acc.clearRun();
        QCOMPARE(acc.finalRect(), nullptr);
        QCOMPARE(acc.note(), nullptr);
    }

    // An RTN-only layer without a measured error shows "—", never 0.
    void unmeasuredRtnErrorIsADash()
    {
        LayerResultsModel m;
        LayerFinished f;
        f.name = "fc2";
        f.bits = 8;
        f.optimised = false;
        f.recMseRtn = f.recMseHard = std::nan("");
        m.addLayer(f);
        f.name = "old";
        f.recMseRtn = f.recMseHard = 0; // a log written before RTN-only layers were measured
        m.addLayer(f);
        f.name = "conv2";
        f.recMseRtn = f.recMseHard = 3.5e-4;
        m.addLayer(f);
        QCOMPARE(m.index(0, LayerResultsModel::RecRtn).data().toString(), QStringLiteral("—"));
        QCOMPARE(m.index(1, LayerResultsModel::RecRtn).data().toString(), QStringLiteral("—"));
        QCOMPARE(m.index(2, LayerResultsModel::RecRtn).data().toString(), QStringLiteral("3.50e-04"));
        QVERIFY(!m.index(0, LayerResultsModel::RecRtn).data(Qt::ToolTipRole).toString().isEmpty());
        const QStringList rows = m.toCsv().split(QLatin1Char('\n'));
        QCOMPARE(rows[1].split(QLatin1Char(','))[3], QString());
        QCOMPARE(rows[3].split(QLatin1Char(','))[3].toDouble(), 3.5e-4);
    }
};

QTEST_MAIN(AccuracyPlotTest)
#include "accuracy_plot_test.moc"
