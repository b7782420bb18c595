// The stochastic-rounding study view on a known record: the histogram counts
// every sample once, its title gives the share above nearest, nearest and
// AdaRound are vertical lines at their top-1, and the scatter's title gives
// the samples' correlation as studyStatistics computes it.
#include "study_histogram_plot.h"
#include "study_scatter_plot.h"
#include "study_view.h"

#include <QtTest>

using namespace adaround;

class StudyViewTest : public QObject {
    Q_OBJECT
private slots:
    void showsTheSamplesAgainstNearestAndAdaRound()
    {
        StudyRecord r;
        r.hasStarted = true;
        r.started.settings = {"conv1", 4, 4, 0, true};
        r.started.evalImages = 2000;
        r.baseline = StudyBaseline{93.0, {90.0, 0.02, 0.0}};
        const double tops[] = {89.0, 90.5, 91.0, 88.0};
        const double mses[] = {0.03, 0.015, 0.01, 0.04};
        for (int i = 0; i < 4; ++i)
            r.samples.push_back({i, uint64_t(i), {tops[i], mses[i], 0.3}});
        r.adaround = StudyAdaRound{{92.0, 0.005, 0.1}, false, 1.0};
        StudyView view;
        view.resize(1366, 600);
        view.setRecord(r);

        QVERIFY2(view.histogram()->titleText().contains(QStringLiteral("50% of 4 random roundings beat nearest")),
                 qPrintable(view.histogram()->titleText()));
        auto* bars = qobject_cast<QCPBars*>(view.histogram()->plottable(0));
        QVERIFY(bars);
        double counted = 0;
        for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
            counted += it->value;
        QCOMPARE(counted, 4.0);
        QCOMPARE(view.histogram()->graph(0)->data()->constBegin()->key, 90.0); // nearest
        QCOMPARE(view.histogram()->graph(1)->data()->constBegin()->key, 92.0); // AdaRound

        const double r4 = studyStatistics(r.baseline->rtn, r.samples).correlation;
        QVERIFY(r4 < -0.9);
        QVERIFY2(view.scatter()->titleText().contains(QStringLiteral("r = %1").arg(r4, 0, 'f', 2)),
                 qPrintable(view.scatter()->titleText()));
        QCOMPARE(view.scatter()->graph(0)->dataCount(), 4);
        QVERIFY(view.summaryText().contains(QStringLiteral("2 of 4 random roundings beat nearest")));
    }
};

QTEST_MAIN(StudyViewTest)
#include "study_view_test.moc"
