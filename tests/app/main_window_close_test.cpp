// Real runs in the window on the small demo: closing during a run asks first
// (and only cancels on yes), Esc in a keyboard-opened menu closes the menu and
// not the run, and the run's log path sits in the status bar beside (not in)
// the final status line, copyable and openable.
#include "log_path_label.h"
#include "main_window.h"
#include "run_controller.h"

#include <QClipboard>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

#include "app_test_support.h"

namespace {

QMessageBox* closeQuestion(QWidget& w)
{
    return w.findChild<QMessageBox*>(QStringLiteral("closeDuringRun"));
}

} // namespace

class MainWindowCloseTest : public QObject {
    Q_OBJECT
    QTemporaryDir runs_;

private slots:
    void closingDuringARunAsksFirst()
    {
        QPointer<MainWindow> w = new MainWindow;
        w->setAttribute(Qt::WA_DeleteOnClose);
        w->show();
        apptest::prepareShortRun(*w, 3000, runs_.path());
        QVERIFY(w->startRun());
        QTRY_VERIFY_WITH_TIMEOUT(w->progress().iterationsDone() >= 10, 120000);

        // "Keep Running": nothing happens to the run or the window.
        bool asked = false;
        QTimer::singleShot(0, this, [&] {
            QMessageBox* box = closeQuestion(*w);
            QVERIFY(box && box->isVisible());
            asked = true;
            QVERIFY(box->text().contains(QStringLiteral("Cancel the run and quit?")));
            box->findChild<QPushButton*>(QStringLiteral("keepRunning"))->click();
        });
        QVERIFY(!w->close());
        QTRY_VERIFY(asked);
        QTRY_VERIFY(!closeQuestion(*w));
        QVERIFY(w->isRunning());
        QVERIFY(w->isVisible() && w->menuBar()->isEnabled());
        const int done = w->progress().iterationsDone();
        QTRY_VERIFY_WITH_TIMEOUT(w->progress().iterationsDone() > done, 60000); // still going

        // Asked twice before an answer: one question.
        QVERIFY(!w->close());
        QVERIFY(!w->close());
        QCOMPARE(w->findChildren<QMessageBox*>(QStringLiteral("closeDuringRun")).size(), 1);

        // "Cancel Run and Quit": cancelled, and the window closes once the run has ended.
        QString log;
        connect(w, &MainWindow::runEnded, this, [&] { log = w->controller()->logPath(); });
        closeQuestion(*w)->findChild<QPushButton*>(QStringLiteral("quit"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(w.isNull(), 60000);
        QVERIFY(!log.isEmpty());
    }

    void closingWithTheQuestionOffDoesNotAsk()
    {
        QPointer<MainWindow> w = new MainWindow;
        w->setAttribute(Qt::WA_DeleteOnClose);
        w->setConfirmCloseDuringRun(false); // as --screenshot runs
        w->show();
        apptest::prepareShortRun(*w, 3000, runs_.path());
        QVERIFY(w->startRun());
        QVERIFY(!w->close());
        QVERIFY(!closeQuestion(*w));
        QTRY_VERIFY_WITH_TIMEOUT(w.isNull(), 60000);
    }

    // Esc in a menu opened from the keyboard closes the menu; the run goes on.
    // Once out of the menus, Esc cancels it.
    void escapeInAKeyboardMenuClosesTheMenuOnly()
    {
        MainWindow w;
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        apptest::prepareShortRun(w, 3000, runs_.path());
        QVERIFY(w.startRun());
        QTRY_VERIFY_WITH_TIMEOUT(w.progress().iterationsDone() >= 10, 120000);

        QTest::keyClick(&w, Qt::Key_R, Qt::AltModifier); // the Run menu, which holds Cancel (Esc)
        QTRY_VERIFY(QApplication::activePopupWidget());
        auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
        QVERIFY(menu);
        QVERIFY(menu->title().contains(QStringLiteral("Run")));
        QTest::keyClick(menu, Qt::Key_Escape);
        QTRY_VERIFY(!menu->isVisible());
        QVERIFY(!QApplication::activePopupWidget());
        QTest::qWait(200);
        QVERIFY(w.isRunning());
        QVERIFY(!w.statusBar()->currentMessage().startsWith(QStringLiteral("Cancelling")));

        // The menu bar may still hold the keyboard (a second Esc leaves it); then
        // Esc cancels. (The offscreen platform does not hand activation back from
        // a closed popup as a window system does: done here.)
        QApplication::setActiveWindow(&w);
        QCOMPARE(QApplication::activeWindow(), &w);
        for (int i = 0; i < 2 && !w.statusBar()->currentMessage().startsWith(QStringLiteral("Cancelling")); ++i)
            QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : &w, Qt::Key_Escape);
        QVERIFY(w.statusBar()->currentMessage().startsWith(QStringLiteral("Cancelling")));
        QTRY_VERIFY_WITH_TIMEOUT(!w.isRunning(), 60000);
        QCOMPARE(w.controller()->result().end, adaround::RunEnd::Cancelled);
    }

    // The final line and the log path are two widgets: the message names no path,
    // the label names the log, copies it and opens its folder.
    void logPathBesideTheFinalStatus()
    {
        MainWindow w;
        w.resize(1366, 768);
        w.show();
        apptest::prepareShortRun(w, 20, runs_.path());
        QSignalSpy ended(&w, &MainWindow::runEnded);
        QVERIFY(w.startRun());
        LogPathLabel* label = w.logPathLabel();
        QTRY_VERIFY_WITH_TIMEOUT(label->isVisible(), 120000); // from the run's start
        QTRY_VERIFY_WITH_TIMEOUT(ended.count() == 1, 240000);
        const QString log = w.controller()->logPath();
        QCOMPARE(w.controller()->result().end, adaround::RunEnd::Completed);
        QCOMPARE(label->path(), log);
        QVERIFY(QFileInfo::exists(log));
        QVERIFY(label->text().contains(QFileInfo(log).fileName()));
        QVERIFY(label->toolTip().contains(QDir::toNativeSeparators(log)));
        const QString message = w.statusBar()->currentMessage();
        QVERIFY2(message.startsWith(QStringLiteral("Run completed in")), qPrintable(message));
        QVERIFY(!message.contains(QFileInfo(log).fileName()));
        // Side by side in the status bar, not on top of each other.
        QWidget* result = w.findChild<QWidget*>(QStringLiteral("finalAccuracy"));
        QVERIFY(result->isVisible());
        QVERIFY(!result->geometry().intersects(label->geometry()));
        QVERIFY(w.statusBar()->rect().contains(label->geometry()));

        label->copyPath();
        QCOMPARE(QApplication::clipboard()->text(), QDir::toNativeSeparators(log));
        QUrl opened;
        label->setOpener([&](const QUrl& url) { opened = url; });
        emit label->linkActivated(QStringLiteral("folder"));
        QCOMPARE(opened, QUrl::fromLocalFile(QFileInfo(log).absolutePath()));
    }
};

QTEST_MAIN(MainWindowCloseTest)
#include "main_window_close_test.moc"
