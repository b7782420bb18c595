// The teaching toy's views (widgets/two_weight_view, n_weights_view): the loss
// map is the core's loss, the corners are marked as the core ranks them, H is
// checked, a run animates to the corner the core's AdaRound reaches, the
// weights can be dragged; the contour lines of a known function.
#include "adaround/teaching/random_problem.h"
#include "adaround/teaching/toy_adaround.h"
#include "contour_lines.h"
#include "loss_landscape_plot.h"
#include "n_weights_view.h"
#include "qcustomplot.h"
#include "rounding_toy_view.h"
#include "toy_loss_plot.h"
#include "toy_settings_editor.h"
#include "two_weight_view.h"

#include <QComboBox>
#include <QPushButton>
#include <QTableWidget>
#include <QtTest>

#include <cmath>

using namespace adaround::teaching;

class RoundingToyViewTest : public QObject {
    Q_OBJECT
private slots:
    void contourOfACircleIsOneClosedCircle()
    {
        const ContourGrid g =
            ContourGrid::sample(81, 81, -2, 2, -2, 2, [](double x, double y) { return x * x + y * y; });
        const auto lines = contourLines(g, 1.0);
        QCOMPARE(lines.size(), 1);
        QVERIFY(lines[0].size() > 40);
        QCOMPARE(lines[0].front(), lines[0].back()); // closed
        for (const QPointF& p : lines[0])
            QVERIFY(std::abs(std::hypot(p.x(), p.y()) - 1.0) < 0.01);
        // A level crossing the border: an open line from edge to edge.
        const auto open = contourLines(g, 6.0);
        QVERIFY(!open.isEmpty());
        for (const auto& line : open)
            QVERIFY(line.front() != line.back());
    }

    void mapIsTheLossAndCornersAreMarked()
    {
        TwoWeightView view;
        view.resize(1280, 720);
        const QuadraticRounding p = view.problem();
        QCOMPARE(p.w, (std::vector<double>{0.3, 0.45}));
        QCOMPARE(p.h, (std::vector<double>{1, 0.5, 0.5, 1}));
        QCPColorMap* map = view.landscape()->colorMap();
        QVERIFY(map->data()->keySize() > 100 && map->data()->valueSize() > 100);
        for (auto [i, j] : {std::pair{0, 0}, std::pair{120, 77}, std::pair{200, 10}}) {
            double x, y;
            map->data()->cellToCoord(i, j, &x, &y);
            QVERIFY(std::abs(map->data()->cell(i, j) - lossAt(p, {x, y})) < 1e-9);
        }
        QVERIFY(view.landscape()->contourCount() >= 4);
        QCOMPARE(view.landscape()->nearestMark(), QPointF(0, 0));
        QCOMPARE(view.landscape()->optimalMark(), QPointF(0, 1));
        QVERIFY(view.landscape()->cornerLabel(0).contains("nearest"));
        QVERIFY(view.landscape()->cornerLabel(2).contains("optimal"));
        QVERIFY(view.landscape()->cornerLabel(2).contains(QString::number(enumerateCorners(p)[2].loss, 'f', 3)));
        QVERIFY(!view.landscape()->cornerLabel(1).contains("optimal"));

        // Independent weights: nearest is the optimum, both marks on one corner.
        view.setProblem(0.3, 0.45, 1, 0, 1);
        QCOMPARE(view.landscape()->nearestMark(), view.landscape()->optimalMark());
        QVERIFY(view.resultText().isEmpty());
    }

    void hThatIsNotPsdIsRefusedWithAReason()
    {
        TwoWeightView view;
        view.setProblem(0.3, 0.45, 1, 1.5, 1);
        QVERIFY(view.problemError().contains("exceeds sqrt(h11 h22)"));
        auto* run = view.findChild<QPushButton*>("teachRun");
        QVERIFY(run && !run->isEnabled());
        view.setProblem(0.3, 0.45, 1, 0.5, 1);
        QVERIFY(view.problemError().isEmpty());
        QVERIFY(run->isEnabled());
    }

    void runAnimatesToTheCoreCorner()
    {
        TwoWeightView view;
        view.resize(1280, 720);
        auto* speed = view.findChild<QComboBox*>("teachSpeed");
        QVERIFY(speed);
        speed->setCurrentIndex(speed->count() - 2); // the fastest animation
        QSignalSpy finished(&view, &TwoWeightView::runFinished);
        view.runAdaRound();
        QVERIFY(view.animating());
        QVERIFY(finished.wait(10000));
        QVERIFY(!view.animating());
        const ToyResult core = runToyAdaRound(view.problem(), view.settingsEditor()->settings());
        QCOMPARE(view.lastRun().corner.bits, core.corner.bits);
        QCOMPARE(core.corner.bits, optimalCorner(view.problem()).bits);
        QCOMPARE(view.landscape()->pathPoints(), int(core.path.size()));
        QCOMPARE(view.lossPlot()->shownPoints(), int(core.path.size()));
        QVERIFY(view.resultText().contains("found the optimum"));

        // The symmetric example: AdaRound misses, and says so.
        view.setProblem(0.4, 0.4, 1, 0.5, 1);
        QCOMPARE(view.landscape()->pathPoints(), 0);
        view.runAdaRound(true);
        QCOMPARE(view.lastRun().finalH[0], view.lastRun().finalH[1]);
        QVERIFY(view.resultText().contains("missed the optimum"));
    }

    void draggingTheCrossMovesTheWeights()
    {
        TwoWeightView view;
        view.resize(1280, 720);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        LossLandscapePlot* plot = view.landscape();
        plot->replot();
        auto pixel = [&](double x, double y) {
            return QPointF(plot->xAxis->coordToPixel(x), plot->yAxis->coordToPixel(y));
        };
        auto send = [&](QEvent::Type type, QPointF at, Qt::MouseButtons buttons) {
            QMouseEvent e(type, at, plot->mapToGlobal(at), Qt::LeftButton, buttons, Qt::NoModifier);
            QApplication::sendEvent(plot, &e);
        };
        send(QEvent::MouseButtonPress, pixel(0.3, 0.45), Qt::LeftButton);
        send(QEvent::MouseMove, pixel(0.5, 0.6), Qt::LeftButton);
        send(QEvent::MouseMove, pixel(0.7, 0.2), Qt::LeftButton);
        send(QEvent::MouseButtonRelease, pixel(0.7, 0.2), Qt::NoButton);
        QVERIFY(std::abs(view.problem().w[0] - 0.7) < 0.02);
        QVERIFY(std::abs(view.problem().w[1] - 0.2) < 0.02);
        // Dragged far outside the cell: held at its border.
        send(QEvent::MouseButtonPress, pixel(view.problem().w[0], view.problem().w[1]), Qt::LeftButton);
        send(QEvent::MouseMove, pixel(1.3, -0.3), Qt::LeftButton);
        send(QEvent::MouseButtonRelease, pixel(1.3, -0.3), Qt::NoButton);
        QCOMPARE(view.problem().w[0], 0.99);
        QCOMPARE(view.problem().w[1], 0.01);
    }

    void nWeightsComparesWithTheEnumeratedOptimum()
    {
        NWeightsView view;
        view.setProblem(8, 3);
        const QuadraticRounding p = randomProblem(8, 3);
        QCOMPARE(view.problem().w, p.w);
        QCOMPARE(view.table()->rowCount(), 8);
        const ToyResult core = runToyAdaRound(p);
        QCOMPARE(view.adaRound().corner.bits, core.corner.bits);
        const Corner best = optimalCorner(p);
        for (int i = 0; i < 8; ++i)
            QCOMPARE(view.table()->item(i, 4)->text(), best.up(i) ? QStringLiteral("↑") : QStringLiteral("↓"));
        QVERIFY(view.summaryText().contains(QString::number(best.loss, 'f', 3)));
        QVERIFY(view.trySeeds().contains("found the optimum on"));
    }

    void tabsAndScreenshotPreparation()
    {
        RoundingToyView view;
        QCOMPARE(view.count(), 2);
        view.setCurrentIndex(1);
        view.prepareScreenshot();
        QVERIFY(!view.twoWeights()->hasRun());
        view.setCurrentIndex(0);
        view.prepareScreenshot();
        QVERIFY(view.twoWeights()->hasRun());
        QVERIFY(!view.twoWeights()->animating());
    }
};

QTEST_MAIN(RoundingToyViewTest)
#include "rounding_toy_view_test.moc"
