// Replaying a stored run as if live (issue 13, item 2), on a real log: the log
// of a MobileNetV2 run the CLI wrote (tests/data, 18 layers). The replay sends
// the record's events in the record's order, paced by its speed, in slices;
// pause and stop hold; the dashboard ends as opening the log shows it; in the
// window the replay feeds the dashboard and the Teach menu's view, and leaves
// the setup alone.
#include "accuracy_plot.h"
#include "histogram_plot.h"
#include "layer_results_model.h"
#include "loss_plot.h"
#include "main_window.h"
#include "regulariser_plot.h"
#include "relaxation_view.h"
#include "run_dashboard.h"
#include "run_replay.h"

#include "adaround/config_json.h"
#include "adaround/run_log.h"

#include <QDockWidget>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTextStream>
#include <QtTest>

using namespace adaround;

namespace {

const QString kLog = QStringLiteral(ADAROUND_TEST_RUNLOG_V1);

// An event's kind and place in the run: what "the same order" compares.
struct Key {
    size_t kind;
    int layer = -1, iteration = -1;
    bool operator==(const Key& o) const { return kind == o.kind && layer == o.layer && iteration == o.iteration; }
};

Key keyOf(const RunEvent& e)
{
    Key k{e.index()};
    std::visit(
        [&](const auto& ev) {
            using T = std::decay_t<decltype(ev)>;
            if constexpr (std::is_same_v<T, IterationStats> || std::is_same_v<T, HistogramSnapshot>) {
                k.layer = ev.layer;
                k.iteration = ev.iteration;
            } else if constexpr (std::is_same_v<T, LayerStarted> || std::is_same_v<T, LayerFinished> ||
                                 std::is_same_v<T, QuantizedLayer>) {
                k.layer = ev.layer;
            } else if constexpr (std::is_same_v<T, AccuracyPoint>) {
                k.layer = ev.layersDone;
            }
        },
        e);
    return k;
}

std::vector<Key> keysOfRecord(const RunRecord& r)
{
    std::vector<Key> keys;
    CallbackObserver collect([&](const RunEvent& e) { keys.push_back(keyOf(e)); });
    replay(r, collect);
    return keys;
}

// Drives a replay to its end in steps of STEP seconds; returns the number of steps.
int runToEnd(RunReplay& replay, double step)
{
    int steps = 0;
    while (replay.isActive() && steps < 100000) {
        replay.advance(step);
        ++steps;
    }
    return steps;
}

// Every view's data in the dashboard, as text: equal texts, equal views.
QString stateOf(RunDashboard& d)
{
    QString out;
    QTextStream s(&out);
    auto* loss = qobject_cast<LossPlot*>(d.plot(QStringLiteral("loss")));
    for (auto series : {LossPlot::Rec, LossPlot::Round, LossPlot::Total, LossPlot::Beta})
        for (const QCPGraphData& p : loss->points(series))
            s << p.key << ':' << p.value << ' ';
    s << "\nlayer " << d.selectedLayer() << '\n';
    auto* histogram = qobject_cast<HistogramPlot*>(d.plot(QStringLiteral("histogram")));
    s << histogram->title() << '\n';
    for (auto it = histogram->bars()->data()->begin(); it != histogram->bars()->data()->end(); ++it)
        s << it->key << ':' << it->value << ' ';
    auto* accuracy = qobject_cast<AccuracyPlot*>(d.plot(QStringLiteral("accuracy")));
    for (QCPGraph* g : {accuracy->rtnGraph(), accuracy->adaroundGraph()})
        for (auto it = g->data()->begin(); it != g->data()->end(); ++it)
            s << '\n' << it->key << ':' << it->value;
    if (accuracy->finalTop1())
        for (auto it = accuracy->finalTop1()->data()->begin(); it != accuracy->finalTop1()->data()->end(); ++it)
            s << "\nfinal " << it->key << ':' << it->value;
    const QAbstractItemModel* table = d.layerTable();
    for (int r = 0; r < table->rowCount(); ++r) {
        s << '\n';
        for (int c = 0; c < table->columnCount(); ++c)
            s << table->data(table->index(r, c)).toString() << '|';
    }
    return out;
}

} // namespace

class RunReplayTest : public QObject {
    Q_OBJECT
    RunRecord record_;

private slots:
    void initTestCase()
    {
        record_ = readRunLog(kLog.toStdString()).record;
        QVERIFY(record_.end == RunEnd::Completed);
        QCOMPARE(record_.layers.size(), size_t(18));
    }

    void sendsTheRecordsEventsInItsOrderInSlices()
    {
        RunReplay replay;
        std::vector<Key> got;
        RunRecorder again;
        connect(&replay, &RunReplay::runEvent, this, [&](const SharedRunEvent& e) {
            got.push_back(keyOf(*e));
            again.onEvent(*e);
        });
        QSignalSpy ended(&replay, &RunReplay::ended);
        replay.start(record_, {RunReplay::Speed::WholeRunIn, 10});
        QVERIFY(replay.isActive());
        QCOMPARE(replay.delivered(), 0); // nothing before the first tick
        replay.advance(1.0);             // a tenth of the run
        QVERIFY(replay.delivered() > 0);
        QVERIFY(replay.delivered() < replay.eventCount() / 2);
        QVERIFY(std::fabs(replay.fraction() - 0.1) < 1e-9);
        const int steps = runToEnd(replay, 0.1);
        QVERIFY(steps >= 85 && steps <= 95); // the other nine tenths in steps of 0.1 s
        QCOMPARE(ended.count(), 1);
        QCOMPARE(ended.front().front().toBool(), true);
        QCOMPARE(replay.fraction(), 1.0);

        const std::vector<Key> expected = keysOfRecord(record_);
        QCOMPARE(got.size(), expected.size());
        QCOMPARE(replay.eventCount(), int(expected.size()));
        QVERIFY(got == expected);
        // Recorded again, the replay is the run it came from.
        const RunRecord& r = again.record();
        QCOMPARE(r.iterations.size(), record_.iterations.size());
        for (size_t i = 0; i < r.iterations.size(); ++i) {
            QCOMPARE(r.iterations[i].recLoss, record_.iterations[i].recLoss);
            QCOMPARE(r.iterations[i].beta, record_.iterations[i].beta);
        }
        QCOMPARE(r.histograms.size(), record_.histograms.size());
        for (size_t i = 0; i < r.histograms.size(); ++i)
            QVERIFY(r.histograms[i].counts == record_.histograms[i].counts);
        QCOMPARE(r.weights.size(), record_.weights.size());
        QCOMPARE(r.layers.size(), record_.layers.size());
        QCOMPARE(r.finished->adaround.top1, record_.finished->adaround.top1);
    }

    void speedSetsTheReplaysLength()
    {
        RunReplay replay;
        replay.start(record_, {RunReplay::Speed::TimesOriginal, 1});
        const double run = replay.runSeconds();
        // The run's own time: each layer's measured seconds.
        double layers = 0;
        for (const LayerFinished& f : record_.layers)
            layers += f.seconds;
        QVERIFY(run > 0);
        QVERIFY(std::fabs(run - layers) < 1e-6 * layers);
        QCOMPARE(replay.replaySeconds(), run);
        replay.setSpeed({RunReplay::Speed::TimesOriginal, 10});
        QVERIFY(std::fabs(replay.replaySeconds() - run / 10) < 1e-9);
        replay.setSpeed({RunReplay::Speed::WholeRunIn, 7});
        QVERIFY(std::fabs(replay.replaySeconds() - 7) < 1e-9);
        replay.advance(3.5);
        QVERIFY(std::fabs(replay.fraction() - 0.5) < 1e-9);
        // A speed change keeps the place: the rest at 100x the run's pace.
        replay.setSpeed({RunReplay::Speed::TimesOriginal, 100});
        QCOMPARE(replay.fraction(), 0.5);
        replay.advance(run / 100 / 4);
        QVERIFY(std::fabs(replay.fraction() - 0.75) < 1e-9);
        QCOMPARE(RunReplay::describe({RunReplay::Speed::WholeRunIn, 120}), QStringLiteral("whole run in 2 min"));
        QCOMPARE(RunReplay::describe({RunReplay::Speed::TimesOriginal, 10}), QStringLiteral("10× the run's pace"));
    }

    void pauseHoldsAndStopEnds()
    {
        RunReplay replay;
        int events = 0;
        connect(&replay, &RunReplay::runEvent, this, [&] { ++events; });
        QSignalSpy ended(&replay, &RunReplay::ended);
        replay.start(record_, {RunReplay::Speed::WholeRunIn, 10});
        replay.advance(2);
        const int before = events;
        QVERIFY(before > 0);
        replay.setPaused(true);
        QVERIFY(replay.isPaused());
        replay.advance(5);
        QCOMPARE(events, before); // paused: nothing, and the clock stood still
        QVERIFY(std::fabs(replay.fraction() - 0.2) < 1e-9);
        replay.setPaused(false);
        replay.advance(1);
        QVERIFY(events > before);
        QVERIFY(std::fabs(replay.fraction() - 0.3) < 1e-9);
        const int atStop = events;
        replay.stop();
        QVERIFY(!replay.isActive());
        QCOMPARE(ended.count(), 1);
        QCOMPARE(ended.front().front().toBool(), false);
        replay.advance(100);
        QCOMPARE(events, atStop);
        replay.stop(); // once only
        QCOMPARE(ended.count(), 1);
    }

    void theTimerDrivesItToTheEnd()
    {
        RunReplay replay;
        int events = 0;
        connect(&replay, &RunReplay::runEvent, this, [&] { ++events; });
        QSignalSpy ended(&replay, &RunReplay::ended);
        replay.start(record_, {RunReplay::Speed::WholeRunIn, 0.3});
        QVERIFY(ended.wait(20000));
        QCOMPARE(ended.front().front().toBool(), true);
        QCOMPARE(events, replay.eventCount());
    }

    void theDashboardEndsAsOpeningTheLogShowsIt()
    {
        RunDashboard opened;
        opened.showRecord(record_);
        RunDashboard replayed;
        RunReplay replay;
        connect(&replay, &RunReplay::runEvent, &replayed, [&](const SharedRunEvent& e) { replayed.onRunEvent(*e); });
        replay.start(record_, {RunReplay::Speed::WholeRunIn, 5});
        replay.advance(2.5);
        QVERIFY(stateOf(replayed) != stateOf(opened)); // half way: half the run
        runToEnd(replay, 0.05);
        QCOMPARE(stateOf(replayed), stateOf(opened));
        QVERIFY(stateOf(opened).contains(QStringLiteral("features.0.0")));
    }

    void theWindowReplaysIntoTheDashboardAndTheTeachingView()
    {
        MainWindow w;
        w.setConfirmCloseDuringRun(false);
        const QString setupBefore = QString::fromStdString(configToJson(w.buildConfig()));
        QVERIFY(!w.relaxationView());
        QMenu* teach = nullptr;
        for (QAction* a : w.menuBar()->actions())
            if (a->text() == QStringLiteral("&Teach"))
                teach = a->menu();
        QVERIFY(teach);
        QCOMPARE(w.menuBar()->actions().last()->text(), QStringLiteral("&Help")); // Teach comes before Help

        w.replay()->setSpeed({RunReplay::Speed::WholeRunIn, 10});
        QVERIFY(w.replayLog(kLog));
        QVERIFY(w.replay()->isActive());
        w.replay()->advance(5); // half the run, then the teaching view: it catches up and follows
        QAction* openView = nullptr;
        for (QAction* a : teach->actions())
            openView = a->objectName() == QLatin1String("teachRelaxation") ? a : openView;
        QVERIFY(openView);
        openView->trigger();
        RelaxationView* view = w.relaxationView();
        QVERIFY(view);
        QVERIFY(w.findChild<QDockWidget*>(QStringLiteral("relaxationDock")));
        QVERIFY(view->live());
        const int halfway = view->layerBox()->count();
        QVERIFY(halfway > 0 && halfway < 18);
        runToEnd(*w.replay(), 0.05);
        QCOMPARE(view->layerBox()->count(), 18);
        QVERIFY(!view->live());
        const int last = record_.layerStarts.back().layer;
        QCOMPARE(view->shownLayer(), last);
        const auto& snapshots = view->snapshots(last);
        QVERIFY(snapshots.back().counts == record_.histograms.back().counts);
        QVERIFY(view->regulariserPlot()->histogram()->data()->size() > 0);

        RunDashboard opened;
        opened.showRecord(record_);
        QCOMPARE(stateOf(*w.dashboard()), stateOf(opened));
        const QString replayedFinal = w.finalAccuracyText();
        QVERIFY(!replayedFinal.isEmpty());
        QCOMPARE(QString::fromStdString(configToJson(w.buildConfig())), setupBefore); // the setup is unchanged

        // Open Log afterwards: the same figures; during a replay it ends the replay.
        QVERIFY(w.replayLog(kLog));
        QVERIFY(w.replay()->isActive());
        QVERIFY(w.openLog(kLog));
        QVERIFY(!w.replay()->isActive());
        QCOMPARE(w.finalAccuracyText(), replayedFinal);
        QCOMPARE(view->layerBox()->count(), 18); // the teaching view shows the opened run too
    }
};

QTEST_MAIN(RunReplayTest)
#include "run_replay_test.moc"
