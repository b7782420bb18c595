// The Teach menu of the workbench: before Help, its entry opens the teaching
// view in a window of its own (once: asked again, the same window), and the
// "What am I looking at?" page explains the teaching views with their equation.
#include "help_texts.h"
#include "main_window.h"
#include "rounding_toy_view.h"
#include "teach_menu.h"
#include "two_weight_view.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QtTest>

class TeachMenuTest : public QObject {
    Q_OBJECT
private slots:
    void teachMenuOpensTheRoundingToy()
    {
        MainWindow w;
        QStringList menus;
        for (QAction* a : w.menuBar()->actions())
            if (a->menu())
                menus << a->text().remove('&');
        QVERIFY(menus.contains("Teach"));
        QCOMPARE(menus.indexOf("Teach") + 1, menus.indexOf("Help"));
        QMenu* teach = teachmenu::teachMenu(&w);
        QCOMPARE(teachmenu::teachMenu(&w), teach); // one menu, whoever asks
        QAction* open = nullptr;
        for (QAction* a : teach->actions())
            if (a->objectName() == "teach.two-weights")
                open = a;
        QVERIFY(open);
        QVERIFY(!w.findChild<RoundingToyView*>());
        open->trigger();
        auto* view = w.findChild<RoundingToyView*>();
        QVERIFY(view && view->isWindow() && view->isVisible());
        open->trigger();
        QCOMPARE(w.findChildren<RoundingToyView*>().size(), 1);
        QAction* openN = nullptr;
        for (QAction* a : teach->actions())
            if (a->objectName() == "teach.n-weights")
                openN = a;
        QVERIFY(openN);
        openN->trigger();
        QCOMPARE(view->currentIndex(), 1);
        QCOMPARE(teachmenu::openView(&w, "n-weights"), view);
        QCOMPARE(view->currentIndex(), 1);
        QCOMPARE(teachmenu::openView(&w, "two-weights"), view);
        QCOMPARE(view->currentIndex(), 0);
        QVERIFY(!teachmenu::openView(&w, "no-such-view"));
        view->close();
    }

    void helpExplainsTheTeachingViews()
    {
        for (const QString& name : helptexts::teachingViewNames()) {
            QVERIFY(!helptexts::viewTitle(name).isEmpty());
            QVERIFY(!helptexts::viewExplanation(name).isEmpty());
            QVERIFY(helptexts::lookingAtPage().contains(helptexts::viewExplanation(name)));
        }
        for (const char* toy : {"two-weights", "n-weights"}) // the equation they show
            QVERIFY(helptexts::viewExplanation(toy).contains("H Δw"));
        QVERIFY(helptexts::viewExplanation("relaxation").contains("|2h − 1|^β"));
        QVERIFY(helptexts::viewExplanation("two-weights").contains("symmetric", Qt::CaseInsensitive));
    }
};

QTEST_MAIN(TeachMenuTest)
#include "teach_menu_test.moc"
