// The workbench in a real window on a real (virtual) screen: run under
// tests/app/xvfb_run.py with Xvfb at 1366x768, and at 2732x1536 with
// QT_SCALE_FACTOR=2 (both 1366x768 logical pixels). The window, maximised as a
// window manager would, fits the screen; the status bar (progress, ETA, final
// top-1, log path), the plots, the layer tables, the panel tabs and the Run
// button are visible, inside the screen and not clipped, mid-run and after the
// run, and in a 1280x720 window. Screenshots go to ADAROUND_TEST_SCREENSHOT_DIR.
#include "layer_editor.h"
#include "log_path_label.h"
#include "main_window.h"
#include "presentation_mode.h"
#include "run_controller.h"
#include "run_dashboard.h"

#include <qcustomplot.h>

#include <QDir>
#include <QScreen>
#include <QStatusBar>
#include <QTabBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolBar>
#include <QtTest>

namespace {

constexpr QSize kLogicalScreen(1366, 768);

void prepare(MainWindow& w, const QString& runs)
{
    w.setRunsFolder(runs);
    QVERIFY(w.openModel(QStringLiteral(ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt")));
    w.setDataFolders(QStringLiteral(ADAROUND_TEST_DEMO_DIR "/calib"), QStringLiteral(ADAROUND_TEST_SMALL_DEMO_DIR "/eval"));
    adaround::AdaRoundConfig c = w.buildConfig();
    c.iterations = 400;
    c.calibSize = 256;
    c.evalSubset = 200;
    c.bits = {3, 8, {}};
    c.statsInterval = 10;
    c.histogramInterval = 50;
    w.applyConfig(c);
}

// Visible, whole (no parent or sibling cuts it off) and on the screen.
void checkOnScreen(QWidget* widget, const char* what)
{
    QVERIFY2(widget, what);
    QVERIFY2(widget->isVisible(), what);
    QVERIFY2(!widget->size().isEmpty(), what);
    const QRect global(widget->mapToGlobal(QPoint(0, 0)), widget->size());
    const QRect screen = widget->screen()->geometry();
    QVERIFY2(screen.contains(global), qPrintable(QStringLiteral("%1 at %2,%3 %4x%5 is outside the screen %6x%7")
                                                     .arg(QLatin1String(what))
                                                     .arg(global.x())
                                                     .arg(global.y())
                                                     .arg(global.width())
                                                     .arg(global.height())
                                                     .arg(screen.width())
                                                     .arg(screen.height())));
    // Not cut off by any of its parents: whole inside each, up to the window.
    for (QWidget* w = widget; !w->isWindow(); w = w->parentWidget()) {
        const QRect inParent(widget->mapTo(w->parentWidget(), QPoint(0, 0)), widget->size());
        QVERIFY2(w->parentWidget()->rect().contains(inParent),
                 qPrintable(QStringLiteral("%1 is cut off by its parent %2 (%3)")
                                .arg(QLatin1String(what), QLatin1String(w->parentWidget()->metaObject()->className()),
                                     w->parentWidget()->objectName())));
    }
}

void checkViews(MainWindow& w)
{
    for (const QString& name : w.dashboard()->plotNames())
        checkOnScreen(w.dashboard()->plot(name), qPrintable(name + QStringLiteral(" plot")));
    checkOnScreen(w.dashboard()->findChild<QTableView*>(), "per-layer results table");
    checkOnScreen(w.layerEditor()->view(), "layer table");
    checkOnScreen(w.statusBar(), "status bar");
    auto* tools = w.findChild<QToolBar*>(QStringLiteral("runToolBar"));
    checkOnScreen(tools->widgetForAction(w.findChild<QAction*>(QStringLiteral("run"))), "Run button");
    QTabBar* dockTabs = nullptr;
    for (QTabBar* bar : w.findChildren<QTabBar*>(Qt::FindDirectChildrenOnly))
        if (bar->isVisible())
            dockTabs = bar;
    checkOnScreen(dockTabs, "the docks' tabs (Model and layers, Hyperparameters)");
}

// A screenshot from the screen itself (what a user sees), in device pixels.
void screenshot(MainWindow& w, const QString& moment)
{
    QScreen* screen = w.screen();
    const QImage image = screen->grabWindow(0).toImage(); // the whole screen
    QCOMPARE(image.size(), kLogicalScreen * screen->devicePixelRatio());
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 50, "the screen is (nearly) blank");
    const QString dir = QStringLiteral(ADAROUND_TEST_SCREENSHOT_DIR);
    QDir().mkpath(dir);
    const QString file = QStringLiteral("%1/workbench-%2x-%3.png").arg(dir).arg(screen->devicePixelRatio()).arg(moment);
    QVERIFY(image.save(file));
    qInfo("wrote %s (%dx%d)", qPrintable(file), image.width(), image.height());
}

} // namespace

class WorkbenchOnScreenTest : public QObject {
    Q_OBJECT
    QTemporaryDir runs_;

private slots:
    void initTestCase()
    {
        QCOMPARE(QGuiApplication::platformName(), QStringLiteral("xcb")); // a real window system
        QScreen* screen = QGuiApplication::primaryScreen();
        qInfo("screen %dx%d logical, device pixel ratio %g, available %dx%d", screen->geometry().width(),
              screen->geometry().height(), screen->devicePixelRatio(), screen->availableGeometry().width(),
              screen->availableGeometry().height());
        QCOMPARE(screen->geometry().size(), kLogicalScreen);
    }

    void fitsTheScreenMidRunAndAfter()
    {
        MainWindow w;
        w.setConfirmCloseDuringRun(false);
        prepare(w, runs_.path());
        w.showMaximized();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QRect available = w.screen()->availableGeometry();
        if (w.frameGeometry() != available) // no window manager in Xvfb: do what it would
            w.setGeometry(available);
        QTRY_COMPARE(w.frameGeometry(), available);
        const QSize minimum = w.minimumSizeHint().expandedTo(w.minimumSize());
        qInfo("window %dx%d, minimum %dx%d", w.width(), w.height(), minimum.width(), minimum.height());
        QVERIFY(minimum.width() <= 1280 && minimum.height() <= 720);

        QSignalSpy ended(&w, &MainWindow::runEnded);
        QVERIFY(w.startRun());
        QTRY_VERIFY_WITH_TIMEOUT(w.progress().iterationsDone() >= 300 || ended.count() > 0, 180000);
        QTest::qWait(300); // the views' batched redraw
        checkViews(w);
        if (ended.isEmpty()) {
            checkOnScreen(w.findChild<QWidget*>(QStringLiteral("layerProgress")), "layer progress bar");
            checkOnScreen(w.findChild<QWidget*>(QStringLiteral("runProgress")), "run progress bar");
            checkOnScreen(w.findChild<QWidget*>(QStringLiteral("eta")), "ETA");
        }
        checkOnScreen(w.logPathLabel(), "log path");
        screenshot(w, QStringLiteral("mid-run"));

        QTRY_VERIFY_WITH_TIMEOUT(ended.count() == 1, 240000);
        QCOMPARE(w.controller()->result().end, adaround::RunEnd::Completed);
        QTest::qWait(300);
        checkViews(w);
        checkOnScreen(w.findChild<QWidget*>(QStringLiteral("finalAccuracy")), "final top-1");
        checkOnScreen(w.logPathLabel(), "log path");
        QVERIFY(w.findChild<QLabel*>(QStringLiteral("finalAccuracy"))->text().contains(QStringLiteral("AdaRound")));
        screenshot(w, QStringLiteral("end"));
    }

    // Presentation mode on the real screen: one view, full screen, large fonts,
    // the status bar still there.
    void presentationFillsTheScreen()
    {
        MainWindow w;
        w.setConfirmCloseDuringRun(false);
        prepare(w, runs_.path());
        w.setGeometry(w.screen()->availableGeometry());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.startRun());
        QTRY_VERIFY_WITH_TIMEOUT(w.progress().iterationsDone() >= 150, 180000);
        w.presentation()->toggleAction()->trigger();
        QTest::qWait(500);
        QCustomPlot* loss = w.dashboard()->plot(QStringLiteral("loss"));
        checkOnScreen(loss, "loss plot");
        checkOnScreen(w.statusBar(), "status bar");
        QVERIFY(loss->width() * loss->height() > w.screen()->geometry().width() * w.screen()->geometry().height() * 7 / 10);
        screenshot(w, QStringLiteral("presentation"));
        w.presentation()->showView(QStringLiteral("history"));
        QTest::qWait(300);
        checkOnScreen(w.dashboard()->plot(QStringLiteral("history")), "history plot");
        screenshot(w, QStringLiteral("presentation-history"));
        w.presentation()->setActive(false);
        w.cancelRun();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isRunning(), 60000);
    }

    // At 1280x720, the size the window promises to fit (a laptop's screen less a
    // title bar and a panel), everything is still there.
    void everythingAt1280x720()
    {
        MainWindow w;
        prepare(w, runs_.path());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setGeometry(QRect(QPoint(40, 30), QSize(1280, 720)));
        QTRY_COMPARE(w.size(), QSize(1280, 720));
        QTest::qWait(300);
        checkViews(w);
        screenshot(w, QStringLiteral("1280x720"));
    }
};

QTEST_MAIN(WorkbenchOnScreenTest)
#include "workbench_on_screen_test.moc"
