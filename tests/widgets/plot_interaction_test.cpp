// The run plots' interaction (PlotInteraction) on a real short AdaRound run of
// the demo CNN: hover readout, wheel zoom and double-click reset, legend
// toggles, log and smoothing toggles, exports at a chosen size. Picking a layer
// and big models: layer_focus_test.
#include "histogram_history_plot.h"
#include "histogram_plot.h"
#include "loss_plot.h"
#include "plot_interaction.h"
#include "run_dashboard.h"

#include "dashboard_test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace adaround;
using namespace dashboardtest;


class PlotInteractionTest : public QObject {
    Q_OBJECT
    RunRecord run_;

private slots:
    void initTestCase() { run_ = realRun(0.01); }

    void hoverReadsTheValueAndLayerUnderTheCursor()
    {
        RunDashboard d;
        showAndDraw(d, {1300, 950});
        d.showRecord(run_);
        auto* loss = view<LossPlot>(d, "loss");
        loss->replot();
        // The point of the first layer where rec and total lie farthest apart.
        const LayerStarted& first = run_.layerStarts.front();
        const IterationStats* pick = nullptr;
        for (const IterationStats& e : run_.iterations)
            if (e.layer == first.layer && e.recLoss > 0 && (!pick || e.total / e.recLoss > pick->total / pick->recLoss))
                pick = &e;
        QVERIFY(pick);
        const QPointF at(loss->xAxis->coordToPixel(pick->iteration), loss->yAxis->coordToPixel(pick->recLoss));
        moveTo(loss, at);
        const QString text = PlotInteraction::of(loss)->readoutText();
        QVERIFY2(text.startsWith(QStringLiteral("Reconstruction loss: ")), qPrintable(text));
        QVERIFY2(text.contains(QString::number(pick->recLoss, 'e', 3)), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("iteration %1 of %2").arg(pick->iteration).arg(QString::fromStdString(first.name))),
                 qPrintable(text));
        // Away from the plot, the readout goes.
        QEvent leave(QEvent::Leave);
        QCoreApplication::sendEvent(loss, &leave);
        QVERIFY(PlotInteraction::of(loss)->readoutText().isEmpty());

        // The heat map reads a cell: the last snapshot's share at h(V) near 0.
        auto* history = view<HistogramHistoryPlot>(d, "history");
        history->replot();
        QTest::qWait(50); // the replot the fitted tick count queued
        const HistogramSnapshot& last = run_.histograms.back();
        const double cellKey = history->iterations() - 1.0;
        moveTo(history, QPointF(history->xAxis->coordToPixel(cellKey), history->yAxis->coordToPixel(0.5 / kBins)));
        const QString cell = PlotInteraction::of(history)->readoutText();
        QVERIFY2(cell.contains(QStringLiteral("iteration %1").arg(last.iteration)), qPrintable(cell));
        QVERIFY2(cell.contains(QStringLiteral("%1% of the weights").arg(100 * shares(last)[0], 0, 'g', 3)),
                 qPrintable(cell));
    }

    void wheelZoomsXAndDoubleClickRestores()
    {
        RunDashboard d;
        showAndDraw(d, {1300, 950});
        d.showRecord(run_);
        auto* loss = view<LossPlot>(d, "loss");
        loss->replot();
        const QCPRange x = loss->xAxis->range(), y2 = loss->yAxis2->range();
        const QPointF centre = loss->axisRect()->rect().center();
        wheel(loss, centre, 2);
        QVERIFY2(loss->xAxis->range().size() < x.size() * 0.9, qPrintable(QString::number(loss->xAxis->range().size())));
        QCOMPARE(loss->yAxis2->range(), y2); // x only
        QVERIFY(PlotInteraction::of(loss)->userView());
        // A live update keeps the user's zoom.
        const QCPRange zoomed = loss->xAxis->range();
        loss->redraw();
        QCOMPARE(loss->xAxis->range(), zoomed);
        doubleClick(loss, centre);
        QCOMPARE(loss->xAxis->range(), x);
        QVERIFY(!PlotInteraction::of(loss)->userView());

        // A wheel outside the axis rect (over the legend) zooms nothing.
        const QPointF legend = loss->legend->outerRect().center();
        wheel(loss, legend, 2);
        QCOMPARE(loss->xAxis->range(), x);
    }

    void legendClickTogglesASeries()
    {
        RunDashboard d;
        showAndDraw(d, {1300, 950});
        d.showRecord(run_);
        auto* loss = view<LossPlot>(d, "loss");
        loss->replot();
        QCPGraph* rec = loss->liveGraph(LossPlot::Rec);
        QCPPlottableLegendItem* item = loss->legend->itemWithPlottable(rec);
        QVERIFY(item);
        click(loss, item->rect().center());
        QVERIFY(!rec->visible());
        QVERIFY(item->textColor() != QColor(Qt::black)); // greyed
        // The finished layers' rec curves went with it, the others stayed.
        int hiddenRec = 0;
        for (int i = 0; i < loss->graphCount(); ++i)
            if (!loss->graph(i)->visible()) {
                QCOMPARE(loss->graph(i)->pen().color(), rec->pen().color());
                ++hiddenRec;
            }
        QCOMPARE(hiddenRec, 4); // one per optimised layer
        click(loss, item->rect().center());
        QVERIFY(rec->visible());
        for (int i = 0; i < loss->graphCount(); ++i)
            QVERIFY(loss->graph(i)->visible());
    }

    void logAndSmoothingToggles()
    {
        RunDashboard d;
        d.showRecord(run_);
        auto* loss = view<LossPlot>(d, "loss");
        PlotInteraction* in = PlotInteraction::of(loss);
        QVERIFY(in->toggled(LossPlot::logAxisToggle()));
        in->setToggled(LossPlot::logAxisToggle(), false);
        QCOMPARE(loss->yAxis->scaleType(), QCPAxis::stLinear);
        QCOMPARE(loss->yAxis->range().lower, 0.0);
        in->setToggled(LossPlot::logAxisToggle(), true);
        QCOMPARE(loss->yAxis->scaleType(), QCPAxis::stLogarithmic);

        const auto raw = loss->points(LossPlot::Rec);
        in->setToggled(LossPlot::smoothingToggle(), true);
        const auto smooth = loss->points(LossPlot::Rec);
        QCOMPARE(smooth.size(), raw.size());
        int differ = 0;
        for (size_t i = 0; i < raw.size(); ++i) {
            QCOMPARE(smooth[i].key, raw[i].key);
            differ += smooth[i].value != raw[i].value;
        }
        QVERIFY(differ > int(raw.size()) / 2);
        // Each layer starts afresh: its first point is its own.
        QCOMPARE(smooth.front().value, raw.front().value);
        in->setToggled(LossPlot::smoothingToggle(), false);
        const auto back = loss->points(LossPlot::Rec);
        for (size_t i = 0; i < raw.size(); ++i)
            QVERIFY(sameValue(back[i].value, run_.iterations[i].recLoss));

        auto* history = view<HistogramHistoryPlot>(d, "history");
        PlotInteraction::of(history)->setToggled(HistogramHistoryPlot::logColourToggle(), false);
        QCOMPARE(history->map()->dataScaleType(), QCPAxis::stLinear);
        QVERIFY(history->map()->dataRange().upper <= 1.0);
    }

    void exportsAtAChosenSizeWithAHeading()
    {
        QTemporaryDir dir;
        RunDashboard d;
        showAndDraw(d, {1300, 950});
        d.showRecord(run_);
        d.setRunName(QStringLiteral("2026-12-02_demo"));
        const QString heading = d.exportHeading();
        QCOMPARE(heading, QStringLiteral("fmnist_cnn.pt · W3 (first/last 8) · run 2026-12-02_demo"));
        for (const QString& name : d.plotNames()) {
            const QString png = dir.filePath(name + QStringLiteral(".png"));
            QString error;
            plotstyle::ExportOptions o;
            o.width = 1600;
            o.height = 900;
            QVERIFY2(d.exportPlot(name, png, o, &error), qPrintable(error));
            const QImage image(png);
            QCOMPARE(image.size(), QSize(1600, 900));
            // The same export without the heading differs in the top band only.
            const QString bare = dir.filePath(name + QStringLiteral("-bare.png"));
            QVERIFY(plotstyle::exportPlot(d.plot(name), bare, o, &error));
            const QImage plain(bare);
            QCOMPARE(plain.size(), QSize(1600, 900));
            QVERIFY(image.copy(0, 0, 1600, 30) != plain.copy(0, 0, 1600, 30));
            QVERIFY(!d.plot(name)->findChild<QCPTextElement*>(QStringLiteral("exportHeading"))); // gone again
            // At 192 dpi: the same pixels, text twice as large.
            o.dpi = 192;
            QVERIFY(d.exportPlot(name, png, o, &error));
            QCOMPARE(QImage(png).size(), QSize(1600, 900));
            QCOMPARE(QImage(png).dotsPerMeterX(), int(std::lround(192 / 0.0254)));
        }
    }
};

QTEST_MAIN(PlotInteractionTest)
#include "plot_interaction_test.moc"
