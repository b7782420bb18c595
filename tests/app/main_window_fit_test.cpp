// The window fits a 1366x768 laptop at 1x and at 2x scaling (run a second
// time with QT_SCALE_FACTOR=2): its minimum size, the dashboard that turns into
// tabs when small, presentation mode, and the Help menu's pages.
#include "dashboard_layout.h"
#include "help_pages.h"
#include "help_texts.h"
#include "main_window.h"
#include "presentation_mode.h"
#include "run_dashboard.h"

#include <qcustomplot.h>

#include <QAction>
#include <QDockWidget>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>
#include <QTextBrowser>
#include <QToolBar>
#include <QtTest>

namespace {

constexpr QSize kLaptopMinimum(1280, 720);

void openDemoModel(MainWindow& w)
{
    QVERIFY(w.openModel(QStringLiteral(ADAROUND_TEST_MODELS_DIR "/fmnist_mobilenet.pt")));
    w.setDataFolders(QStringLiteral(ADAROUND_TEST_DEMO_DIR "/calib"), QStringLiteral(ADAROUND_TEST_DEMO_DIR "/eval"));
}

QString sizeText(QSize s)
{
    return QStringLiteral("%1x%2").arg(s.width()).arg(s.height());
}

int visibleViews(RunDashboard* d)
{
    int n = 0;
    for (const QString& name : d->arrangement()->viewNames())
        n += d->arrangement()->view(name)->isVisible() ? 1 : 0;
    return n;
}

} // namespace

class MainWindowFitTest : public QObject {
    Q_OBJECT
private slots:
    // The size the window cannot go below, measured as Qt lays it out (and its
    // parts, printed), at most 1280x720: a 768 px laptop keeps the status bar.
    void minimumSizeFitsALaptop()
    {
        MainWindow w;
        openDemoModel(w);
        w.resize(1366, 768); // a maximised window on the laptop: the views in their grid
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.dashboard()->arrangement()->mode(), DashboardLayout::Mode::Grid);
        const QSize hint = w.minimumSizeHint().expandedTo(w.minimumSize());
        qInfo("scale %s: window minimum %s; dashboard %s; status bar %s; menu bar %s", qgetenv("QT_SCALE_FACTOR").constData(),
              qPrintable(sizeText(hint)), qPrintable(sizeText(w.dashboard()->minimumSizeHint())),
              qPrintable(sizeText(w.statusBar()->minimumSizeHint())), qPrintable(sizeText(w.menuBar()->minimumSizeHint())));
        for (QDockWidget* d : w.findChildren<QDockWidget*>())
            qInfo("  dock %s minimum %s", qPrintable(d->objectName()), qPrintable(sizeText(d->minimumSizeHint())));
        QVERIFY2(hint.width() <= kLaptopMinimum.width() && hint.height() <= kLaptopMinimum.height(),
                 qPrintable(sizeText(hint)));

        // Made that small, everything is still inside: the status bar at the bottom.
        w.resize(kLaptopMinimum);
        QTRY_COMPARE(w.size(), kLaptopMinimum);
        QVERIFY(w.statusBar()->isVisible());
        QCOMPARE(w.statusBar()->geometry().bottom(), w.rect().bottom());
        QVERIFY(w.rect().contains(w.dashboard()->geometry().translated(w.centralWidget()->pos())));
        QVERIFY(w.findChild<QDockWidget*>(QStringLiteral("setupDock"))->geometry().bottom() < w.statusBar()->y());
        for (QDockWidget* d : w.findChildren<QDockWidget*>())
            if (d->isVisible() && w.rect().intersects(d->geometry())) // a dock behind its tab sits outside
                QVERIFY2(w.rect().contains(d->geometry()),
                         qPrintable(d->objectName() + QStringLiteral(" at %1,%2 %3x%4")
                                                         .arg(d->x())
                                                         .arg(d->y())
                                                         .arg(d->width())
                                                         .arg(d->height())));
    }

    // Below the size the grid needs the views become tabs, and come back.
    void dashboardReflowsIntoTabs()
    {
        RunDashboard d;
        d.resize(1200, 800);
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        QCOMPARE(d.arrangement()->mode(), DashboardLayout::Mode::Grid);
        QCOMPARE(visibleViews(&d), 5);
        d.resize(900, 480); // a laptop with the docks open, or 2x scaling
        QTRY_COMPARE(d.arrangement()->mode(), DashboardLayout::Mode::Tabs);
        QCOMPARE(visibleViews(&d), 1);
        QCOMPARE(d.arrangement()->tabs()->count(), 5);
        QVERIFY(d.minimumSizeHint().height() < 480);
        d.arrangement()->tabs()->setCurrentIndex(3);
        QVERIFY(d.plot(QStringLiteral("accuracy"))->isVisible());
        d.resize(1200, 800);
        QTRY_COMPARE(d.arrangement()->mode(), DashboardLayout::Mode::Grid);
        QCOMPARE(visibleViews(&d), 5);
        QVERIFY(d.plot(QStringLiteral("loss"))->height() > d.plot(QStringLiteral("histogram"))->height());
    }

    // Presentation mode: one view, large fonts, no docks; 1-5 switch; leaving
    // restores the fonts, the docks and the grid.
    void presentationModeShowsOnePlot()
    {
        MainWindow w;
        openDemoModel(w);
        w.resize(1366, 768);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        RunDashboard* d = w.dashboard();
        QCustomPlot* loss = d->plot(QStringLiteral("loss"));
        // Sized before it was shown, the grid still gives the losses the most room.
        QCOMPARE(d->arrangement()->mode(), DashboardLayout::Mode::Grid);
        QVERIFY2(loss->height() > d->plot(QStringLiteral("histogram"))->height(),
                 qPrintable(QStringLiteral("loss %1 px high, histogram %2")
                                .arg(loss->height())
                                .arg(d->plot(QStringLiteral("histogram"))->height())));
        const double normal = loss->xAxis->labelFont().pointSizeF();
        QVERIFY(normal > 0);

        QAction* cancel = w.findChild<QAction*>(QStringLiteral("cancel"));
        QVERIFY(cancel->shortcuts().contains(QKeySequence(Qt::Key_Escape)));
        QAction* toggle = w.presentation()->toggleAction();
        QCOMPARE(toggle->shortcut(), QKeySequence(Qt::Key_F11));
        toggle->trigger();
        QVERIFY(w.presentation()->isActive());
        QTRY_COMPARE(visibleViews(d), 1);
        QVERIFY(loss->isVisible());
        QCOMPARE(d->arrangement()->focusedView(), QStringLiteral("loss"));
        QVERIFY(w.isFullScreen());
        QCOMPARE(loss->xAxis->labelFont().pointSizeF(), normal * PresentationMode::kFontScale);
        for (QDockWidget* dock : w.findChildren<QDockWidget*>())
            QVERIFY(!dock->isVisible());
        QVERIFY(w.statusBar()->isVisible()); // the run's progress stays in sight
        QVERIFY(loss->width() > w.width() * 9 / 10);

        QVERIFY(!cancel->shortcuts().contains(QKeySequence(Qt::Key_Escape))); // Esc leaves instead
        QVERIFY(cancel->shortcuts().contains(QKeySequence(QStringLiteral("Ctrl+."))));
        QTest::keyClick(&w, Qt::Key_2); // the second view: the histogram
        QTRY_VERIFY(d->plot(QStringLiteral("histogram"))->isVisible());
        QCOMPARE(visibleViews(d), 1);
        QCOMPARE(d->arrangement()->focusedView(), QStringLiteral("histogram"));
        d->arrangement()->tabs()->setCurrentIndex(3); // or by the tabs
        QCOMPARE(d->arrangement()->focusedView(), QStringLiteral("accuracy"));

        QTest::keyClick(&w, Qt::Key_Escape); // leaves, and cancels nothing
        QVERIFY(!w.presentation()->isActive());
        QVERIFY(!toggle->isChecked());
        QTRY_VERIFY(!w.isFullScreen());
        QCOMPARE(loss->xAxis->labelFont().pointSizeF(), normal);
        QTRY_COMPARE(visibleViews(d), 5);
        QVERIFY(w.findChild<QDockWidget*>(QStringLiteral("setupDock"))->isVisible());
        QVERIFY(w.findChild<QToolBar*>(QStringLiteral("runToolBar"))->isVisible());
        QVERIFY(cancel->shortcuts().contains(QKeySequence(Qt::Key_Escape)));
        QTest::keyClick(&w, Qt::Key_2); // the view keys are off again
        QCOMPARE(d->arrangement()->focusedView(), QString());
    }

    void userGuideIsTheDocsPage()
    {
        MainWindow w;
        QCOMPARE(helppages::userGuidePath(), QFileInfo(QStringLiteral(ADAROUND_TEST_DOCS_DIR "/workbench.md")).canonicalFilePath());
        QTextBrowser* guide = helppages::showUserGuide(&w);
        QVERIFY(guide->isVisible());
        QVERIFY(!guide->window()->isModal());
        const QString text = guide->toPlainText();
        QVERIFY(text.contains(QStringLiteral("Set up a run")));
        QVERIFY(text.contains(QStringLiteral("Presentation")));
        QVERIFY(!text.contains(QStringLiteral("## "))); // rendered, not shown as source
        QCOMPARE(helppages::showUserGuide(&w), guide); // once: asked again, the same window
    }

    // Generated from the actions: what the menus hold, and a new action too.
    void shortcutsComeFromTheActions()
    {
        MainWindow w;
        QString html = helppages::shortcutsHtml(&w);
        for (const char* expected : {"Ctrl+R", "Run AdaRound", "Ctrl+P", "Esc", "F11", "Presentation Mode", "Ctrl+O",
                                     "F1", "User Guide"})
            QVERIFY2(html.contains(QLatin1String(expected)), expected);
        QVERIFY(!html.contains(QStringLiteral("Open &amp;Log"))); // mnemonics removed
        QMenu* runMenu = nullptr;
        for (QAction* a : w.menuBar()->actions())
            if (a->text() == QStringLiteral("&Run"))
                runMenu = a->menu();
        QVERIFY(runMenu);
        runMenu->addAction(QStringLiteral("Brand New"))->setShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+Y")));
        html = helppages::shortcutsHtml(&w);
        QVERIFY(html.contains(QStringLiteral("Ctrl+Shift+Y")));
        QVERIFY(html.contains(QStringLiteral("Run › Brand New")));
        QVERIFY(helppages::showShortcuts(&w)->toPlainText().contains(QStringLiteral("Brand New")));
    }

    void lookingAtExplainsEveryViewWithAGlossary()
    {
        MainWindow w;
        QTextBrowser* page = helppages::showLookingAt(&w, QStringLiteral("history"));
        const QString text = page->toPlainText();
        for (const QString& view : helptexts::viewNames()) {
            QVERIFY(!helptexts::viewExplanation(view).isEmpty());
            QVERIFY(text.contains(helptexts::viewTitle(view)));
            // The same text as the view's What's This (Shift+F1).
            QVERIFY(w.dashboard()->arrangement()->view(view)->whatsThis().contains(helptexts::viewExplanation(view)));
        }
        for (const char* term : {"Settled", "Flipped", "Soft / hard MSE", "Warm-up", "RTN", "β", "λ"})
            QVERIFY2(text.contains(QString::fromUtf8(term)), term);
    }
};

QTEST_MAIN(MainWindowFitTest)
#include "main_window_fit_test.moc"
