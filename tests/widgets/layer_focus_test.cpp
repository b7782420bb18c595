// Picking a layer on a real short AdaRound run of the demo CNN (the table and
// the loss plot pick it, the snapshot slider, live views following the running
// layer), and big-model readability on a synthesised 53-layer record (a
// MobileNet-sized run: 10,000 iterations per layer): label thinning, the
// per-layer axis with compared runs aligned, the heat map's range and ticks.
#include "histogram_history_plot.h"
#include "histogram_plot.h"
#include "layer_focus.h"
#include "layer_results_model.h"
#include "loss_plot.h"
#include "plot_interaction.h"
#include "run_dashboard.h"

#include "dashboard_test_support.h"

#include <QSlider>
#include <QTableView>
#include <QtTest>

#include <cmath>

using namespace adaround;
using namespace dashboardtest;

namespace {

// A run's events without running it: n layers of `iterations` each, losses
// falling, h(V) collapsing toward 0 and 1. Names as torchvision's MobileNetV2.
RunRecord synthesisedRun(int layers, int iterations, int statsEvery, int histogramEvery, const char* model)
{
    RunRecord r;
    r.hasStarted = true;
    r.started.config.modelPath = model;
    r.started.config.iterations = iterations;
    r.started.config.histogramInterval = histogramEvery;
    r.started.config.bits = {4, 8, {}};
    r.started.bits.assign(size_t(layers), 4);
    r.started.adaround.assign(size_t(layers), true);
    for (int k = 0; k < layers; ++k) {
        const std::string name = "features." + std::to_string(k / 3) + ".conv." + std::to_string(k % 3) + ".0";
        r.layerStarts.push_back({k, name, 4, iterations});
        for (int i = statsEvery; i <= iterations; i += statsEvery) {
            const double t = double(i) / iterations;
            const double rec = 1e-3 * (1 + k % 5) * std::exp(-2 * t);
            const double round = t < 0.2 ? 0 : 0.01 * (1 - t);
            r.iterations.push_back({k, i, rec, round, 20 - 18 * t, rec + round});
        }
        for (int i = 0; i <= iterations; i += histogramEvery) {
            HistogramSnapshot h{k, i, std::vector<int64_t>(20, 100), 0};
            h.counts.front() += 10 * i / histogramEvery;
            h.counts.back() += 10 * i / histogramEvery;
            r.histograms.push_back(h);
        }
        LayerFinished f;
        f.layer = k;
        f.name = name;
        f.bits = 4;
        r.layers.push_back(f);
    }
    r.layersDone = layers;
    r.end = RunEnd::Completed;
    return r;
}

// The rotated label's box in pixels, from its corner anchors.
QRectF box(QCPItemText* t)
{
    QPolygonF corners;
    for (QCPItemAnchor* a : {t->topLeft, t->topRight, t->bottomRight, t->bottomLeft})
        corners << a->pixelPosition();
    return corners.boundingRect();
}

} // namespace

class LayerFocusTest : public QObject {
    Q_OBJECT
    RunRecord run_;

    std::vector<HistogramSnapshot> snapshotsOf(int layer) const
    {
        std::vector<HistogramSnapshot> out;
        for (const HistogramSnapshot& s : run_.histograms)
            if (s.layer == layer)
                out.push_back(s);
        return out;
    }

private slots:
    void initTestCase() { run_ = realRun(0.01); }

    void tableAndLossPlotPickALayer()
    {
        RunDashboard d;
        showAndDraw(d, {1300, 950});
        d.showRecord(run_);
        auto* loss = view<LossPlot>(d, "loss");
        auto* hist = view<HistogramPlot>(d, "histogram");
        auto* history = view<HistogramHistoryPlot>(d, "history");
        auto* table = d.findChild<QTableView*>();
        QVERIFY(table);
        // Stored run: the last optimised layer is shown at first.
        QCOMPARE(d.selectedLayer(), run_.histograms.back().layer);

        const LayerFinished& first = run_.layers.front();
        table->selectionModel()->setCurrentIndex(d.layerTable()->index(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QCOMPARE(d.selectedLayer(), first.layer);
        QCOMPARE(loss->selectedLayer(), first.layer);
        const std::vector<HistogramSnapshot> snaps = snapshotsOf(first.layer);
        QVERIFY(snaps.size() > 2);
        QCOMPARE(history->snapshotsShown(), int(snaps.size()));
        QCOMPARE(d.layerFocus()->snapshotCount(first.layer), int(snaps.size()));
        QVERIFY(hist->title().contains(QString::fromStdString(first.name)));
        auto expectBars = [&](const HistogramSnapshot& s) {
            const std::vector<double> sh = shares(s);
            QCOMPARE(hist->bars()->dataCount(), int(sh.size()));
            for (int b = 0; b < int(sh.size()); ++b)
                QVERIFY(std::abs(hist->bars()->data()->at(b)->value - 100 * sh[size_t(b)]) < 1e-9);
        };
        expectBars(snaps.back());
        for (int b = 0; b < kBins; ++b)
            QCOMPARE(history->map()->data()->cell(0, b), std::max(shares(snaps.front())[size_t(b)], 1e-4));

        // The slider scrubs through the layer's snapshots.
        QSlider* slider = d.layerFocus()->slider();
        QCOMPARE(slider->maximum(), int(snaps.size()) - 1);
        QCOMPARE(slider->value(), slider->maximum());
        slider->setValue(1);
        expectBars(snaps[1]);
        QVERIFY2(hist->title().contains(QStringLiteral("iteration %1 ").arg(snaps[1].iteration)), qPrintable(hist->title()));
        QVERIFY(d.findChild<QLabel*>(QStringLiteral("snapshotLabel"))->text().contains(QStringLiteral("2 of %1").arg(snaps.size())));
        slider->setValue(0);
        expectBars(snaps[0]);

        // A click on another layer's segment of the loss plot picks it; the table follows.
        loss->replot();
        const LayerStarted& third = run_.layerStarts[3];
        QVERIFY(third.iterations > 0);
        const QRectF span = loss->layerPixels(third.layer);
        click(loss, span.center());
        QCOMPARE(d.selectedLayer(), third.layer);
        QVERIFY(hist->title().contains(QString::fromStdString(third.name)));
        const int row = table->selectionModel()->currentIndex().row();
        QCOMPARE(run_.layers[size_t(row)].layer, third.layer);
        // A layer rounded to nearest only has no h(V): the views say so.
        const LayerFinished* rtn = nullptr;
        for (const LayerFinished& f : run_.layers)
            if (!f.optimised)
                rtn = &f;
        QVERIFY(rtn);
        d.selectLayer(rtn->layer);
        QVERIFY(hist->title().contains(QStringLiteral("rounded to nearest")));
        QCOMPARE(hist->bars()->dataCount(), 0);
    }

    void liveViewsFollowTheRunningLayerUntilPicked()
    {
        RunDashboard d;
        auto feed = slotOf(d);
        // Feed up to the fourth layer's snapshots and losses, as a live run does.
        const int third = run_.layerStarts[3].layer;
        feed.onEvent(run_.started);
        size_t hi = 0, it = 0;
        for (const LayerStarted& s : run_.layerStarts) {
            feed.onEvent(s);
            while (hi < run_.histograms.size() && run_.histograms[hi].layer == s.layer)
                feed.onEvent(run_.histograms[hi++]);
            while (it < run_.iterations.size() && run_.iterations[it].layer == s.layer)
                feed.onEvent(run_.iterations[it++]);
            if (s.layer == third)
                break;
            for (const LayerFinished& f : run_.layers)
                if (f.layer == s.layer)
                    feed.onEvent(f);
        }
        QCOMPARE(d.selectedLayer(), third);
        QToolButton* follow = d.layerFocus()->followButton();
        QVERIFY(follow->isHidden());
        const int first = run_.layerStarts.front().layer;
        d.selectLayer(first);
        QCOMPARE(d.selectedLayer(), first);
        QVERIFY(!d.layerFocus()->following());
        QVERIFY(!follow->isHidden());
        // The next layer starts: the user's pick stays.
        feed.onEvent(run_.layerStarts[4]);
        QCOMPARE(d.selectedLayer(), first);
        follow->click();
        QCOMPARE(d.selectedLayer(), run_.layerStarts[4].layer);
        QVERIFY(follow->isHidden());
    }

    // 53 layers of 10,000 iterations (a MobileNetV2's quantized layers): the
    // layer names stay legible, the per-layer axis shows one layer, and a
    // compared run with other iteration counts lines up on the same layer.
    void bigModelsStayReadable()
    {
        const RunRecord big = synthesisedRun(53, 10000, 500, 1000, "/models/mobilenet_v2.pt");
        RunDashboard d;
        showAndDraw(d, {1366, 700});
        d.showRecord(big);
        auto* loss = view<LossPlot>(d, "loss");
        loss->replot();
        loss->redraw();
        loss->replot();
        std::vector<QRectF> shown;
        for (QCPItemText* label : loss->layerLabels())
            if (label->visible())
                shown.push_back(box(label));
        QVERIFY2(shown.size() >= 8, qPrintable(QString::number(shown.size())));
        QVERIFY(shown.size() < 53);
        for (size_t i = 1; i < shown.size(); ++i)
            QVERIFY2(!shown[i].intersects(shown[i - 1]),
                     qPrintable(QStringLiteral("label %1 overlaps the previous one").arg(i)));
        // Names longer than the plot is high keep their end, inside the axes.
        for (const QRectF& r : shown)
            QVERIFY(r.bottom() <= loss->axisRect()->rect().bottom() + 1);

        // The hover names the layer in full, wherever its label went.
        const LayerStarted& l = big.layerStarts[37];
        const double y = loss->yAxis->coordToPixel(big.iterations[size_t(37 * 20 + 9)].recLoss);
        moveTo(loss, QPointF(loss->xAxis->coordToPixel(37 * 10000.0 + 5000), y));
        QVERIFY2(PlotInteraction::of(loss)->readoutText().contains(QString::fromStdString(l.name)),
                 qPrintable(PlotInteraction::of(loss)->readoutText()));

        // Per layer: the other run took 15,000 iterations per layer.
        const RunRecord longer = synthesisedRun(53, 15000, 500, 1000, "/models/mobilenet_v2.pt");
        d.addComparison(longer, QStringLiteral("15k"));
        d.selectLayer(l.layer);
        PlotInteraction::of(loss)->setToggled(LossPlot::perLayerToggle(), true);
        loss->redraw();
        loss->replot();
        const double start = 37 * 10000.0;
        QCOMPARE(loss->xAxis->range(), QCPRange(start, start + 15000));
        QCOMPARE(loss->xAxis->tickVectorLabels().front(), QStringLiteral("0"));
        QCPGraph* compared = loss->comparisonGraphs().front();
        QCOMPARE(compared->dataCount(), 15000 / 500);
        QCOMPARE(compared->data()->at(0)->key, start + 500);
        QCOMPARE(compared->data()->at(0)->value, longer.iterations[size_t(37 * 30)].recLoss);
        // Of the main run, only the shown layer's curves are drawn (its neighbours would fill the longer axis).
        int drawnMain = 0;
        for (int i = 0; i < loss->graphCount(); ++i) {
            QCPGraph* g = loss->graph(i);
            if (g->visible() && g->valueAxis() == loss->yAxis && !loss->comparisonGraphs().empty()
                && std::find(loss->comparisonGraphs().begin(), loss->comparisonGraphs().end(), g) == loss->comparisonGraphs().end()) {
                ++drawnMain;
                QVERIFY(g->data()->at(0)->key >= start && g->data()->at(g->dataCount() - 1)->key <= start + 10000);
            }
        }
        QCOMPARE(drawnMain, 3); // rec, rounding, total
        PlotInteraction::of(loss)->setToggled(LossPlot::perLayerToggle(), false);
        QCOMPARE(compared->dataCount(), int(longer.iterations.size()));
        QCOMPARE(loss->xAxis->range(), QCPRange(0, 53 * 15000.0));

        // The heat map: columns over exactly [0, 10,000], tick labels apart.
        auto* history = view<HistogramHistoryPlot>(d, "history");
        history->replot();
        QTest::qWait(50); // the replot the fitted tick count queued
        QCOMPARE(history->xAxis->range(), QCPRange(0, 10000));
        const QCPRange cells = history->map()->data()->keyRange();
        const double half = (cells.upper - cells.lower) / (history->map()->data()->keySize() - 1) / 2;
        QVERIFY(std::abs(cells.lower - half) < 1e-9 && std::abs(cells.upper + half - 10000) < 1e-9);
        const QVector<double> ticks = history->xAxis->tickVector();
        const QVector<QString> labels = history->xAxis->tickVectorLabels();
        const QFontMetricsF fm(history->xAxis->tickLabelFont());
        QVERIFY(ticks.size() >= 2);
        for (int i = 1; i < ticks.size(); ++i) {
            const double gap = history->xAxis->coordToPixel(ticks[i]) - history->xAxis->coordToPixel(ticks[i - 1]);
            QVERIFY2(gap > (fm.horizontalAdvance(labels[i]) + fm.horizontalAdvance(labels[i - 1])) / 2 + 4,
                     qPrintable(labels.toList().join(QLatin1Char(' '))));
        }
    }

    // The accuracy plot's layer axis (whole layers) on a narrow plot: labels apart.
    void layerTicksStayApart()
    {
        const RunRecord big = synthesisedRun(53, 100, 50, 50, "/models/mobilenet_v2.pt");
        RunRecord withCurve = big;
        for (int k = 1; k <= 53; ++k)
            withCurve.progress.push_back({k, 90.0 - k * 0.1, 91.0});
        RunFinished f; // the final bars take their share of the width
        f.fp32 = {92, 99, 300};
        f.rtn = f.adaround = f.fp32;
        withCurve.finished = f;
        RunDashboard d;
        showAndDraw(d, {760, 700});
        d.showRecord(withCurve);
        QCustomPlot* acc = d.plot(QStringLiteral("accuracy"));
        acc->replot();
        QTest::qWait(50); // the replot the fitted tick count queued
        const QVector<double> ticks = acc->xAxis->tickVector();
        const QVector<QString> labels = acc->xAxis->tickVectorLabels();
        const QFontMetricsF fm(acc->xAxis->tickLabelFont());
        QVERIFY(ticks.size() >= 2);
        for (int i = 1; i < ticks.size(); ++i) {
            QCOMPARE(ticks[i], std::round(ticks[i])); // whole layers
            const double gap = acc->xAxis->coordToPixel(ticks[i]) - acc->xAxis->coordToPixel(ticks[i - 1]);
            QVERIFY2(gap > (fm.horizontalAdvance(labels[i]) + fm.horizontalAdvance(labels[i - 1])) / 2 + 4,
                     qPrintable(labels.toList().join(QLatin1Char(' '))));
        }
    }
};

QTEST_MAIN(LayerFocusTest)
#include "layer_focus_test.moc"
