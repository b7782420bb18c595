// An image folder is checked as soon as it is chosen, not after Run (empty, not
// there, images without class folders, images beside them, an evaluation class
// the calibration folder lacks), and a run that fails as it starts says so once.
#include "data_folders_widget.h"
#include "main_window.h"
#include "message_bar.h"
#include "run_controller.h"
#include "run_dashboard.h"

#include <QLabel>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

namespace {

const QString kCnn = QStringLiteral(ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt");
const QString kCalib = QStringLiteral(ADAROUND_TEST_SMALL_DEMO_DIR "/calib");
const QString kEval = QStringLiteral(ADAROUND_TEST_SMALL_DEMO_DIR "/eval");

// Copies N images of each of CLASSES from the small demo's calibration folder into DIR/<class>.
void copyImages(const QString& dir, const QStringList& classes, int n)
{
    for (const QString& c : classes) {
        QVERIFY(QDir().mkpath(dir + QLatin1Char('/') + c));
        const QStringList files = QDir(kCalib + QLatin1Char('/') + c).entryList(QDir::Files, QDir::Name);
        QVERIFY(files.size() >= n);
        for (int i = 0; i < n; ++i)
            QVERIFY(QFile::copy(kCalib + QLatin1Char('/') + c + QLatin1Char('/') + files[i],
                                dir + QLatin1Char('/') + c + QLatin1Char('/') + files[i]));
    }
}

QStringList demoClasses()
{
    return QDir(kCalib).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
}

// The visible texts in W that mention NEEDLE: labels, the message bar, the status bar.
int placesShowing(MainWindow& w, const QString& needle)
{
    int n = 0;
    for (QLabel* l : w.findChildren<QLabel*>())
        n += l->isVisibleTo(&w) && l->text().contains(needle);
    n += w.statusBar()->currentMessage().contains(needle);
    return n;
}

} // namespace

class MainWindowFoldersTest : public QObject {
    Q_OBJECT
    QTemporaryDir runs_;

private slots:
    void aFolderIsCheckedWhenChosen()
    {
        QTemporaryDir dir;
        const QString empty = dir.filePath(QStringLiteral("empty"));
        const QString loose = dir.filePath(QStringLiteral("loose"));
        const QString mixed = dir.filePath(QStringLiteral("mixed"));
        const QString stranger = dir.filePath(QStringLiteral("stranger"));
        QVERIFY(QDir().mkpath(empty));
        QVERIFY(QDir().mkpath(loose));
        const QString image = kCalib + QLatin1Char('/') + demoClasses().front() + QLatin1Char('/') +
                              QDir(kCalib + QLatin1Char('/') + demoClasses().front()).entryList(QDir::Files).front();
        QVERIFY(QFile::copy(image, loose + QStringLiteral("/a.png")));
        copyImages(mixed, demoClasses(), 2);
        QVERIFY(QFile::copy(image, mixed + QStringLiteral("/stray.png")));
        copyImages(stranger, {demoClasses().front()}, 2);
        QVERIFY(QDir(stranger).rename(demoClasses().front(), QStringLiteral("not-a-class")));

        MainWindow w;
        w.show();
        QVERIFY(w.openModel(kCnn));
        DataFoldersWidget* folders = w.dataFolders();
        auto* calibLine = folders->findChild<QLabel*>(QStringLiteral("calibCheck"));
        auto* evalLine = folders->findChild<QLabel*>(QStringLiteral("evalCheck"));
        QVERIFY(calibLine && evalLine);
        QSignalSpy checked(folders, &DataFoldersWidget::checked);
        const auto choose = [&](const QString& calib, const QString& eval) {
            checked.clear();
            w.setDataFolders(calib, eval);
            QTRY_VERIFY(!checked.isEmpty() && !folders->checking());
        };

        // Not there: said at once, before any scan.
        w.setDataFolders(dir.filePath(QStringLiteral("nowhere")), kEval);
        QCOMPARE(folders->calibCheck().level, FolderCheck::Error);
        QVERIFY(calibLine->isVisibleTo(&w));
        QVERIFY2(calibLine->text().contains(QStringLiteral("no such folder")), qPrintable(calibLine->text()));
        QVERIFY(!w.startRun());
        QVERIFY2(w.messageText().contains(QStringLiteral("Cannot start the run: Calibration images:")) &&
                     w.messageText().contains(QStringLiteral("no such folder")),
                 qPrintable(w.messageText()));
        QVERIFY(!w.isRunning());

        choose(kCalib, kEval);
        QCOMPARE(folders->calibCheck().level, FolderCheck::Ok);
        QVERIFY2(calibLine->text().contains(QStringLiteral("in 10 class folder(s)")), qPrintable(calibLine->text()));
        QCOMPARE(folders->evalCheck().level, FolderCheck::Ok);
        QVERIFY2(evalLine->text().contains(QStringLiteral("300 images")), qPrintable(evalLine->text()));
        QVERIFY(folders->problem().isEmpty());

        choose(empty, kEval);
        QCOMPARE(folders->calibCheck().level, FolderCheck::Error);
        QVERIFY2(calibLine->text().contains(QStringLiteral("empty folder")), qPrintable(calibLine->text()));
        QVERIFY(!w.startRun());

        choose(loose, kEval);
        QCOMPARE(folders->calibCheck().level, FolderCheck::Error);
        QVERIFY2(calibLine->text().contains(QStringLiteral("no class subfolders")), qPrintable(calibLine->text()));

        // Images beside the class folders: usable, but the strays are not used: said so.
        choose(mixed, kEval);
        QCOMPARE(folders->calibCheck().level, FolderCheck::Warning);
        QVERIFY2(calibLine->text().contains(QStringLiteral("1 image file(s) directly in the folder")),
                 qPrintable(calibLine->text()));
        QVERIFY(folders->problem().isEmpty());

        // An evaluation class the calibration folder does not have.
        choose(kCalib, stranger);
        QCOMPARE(folders->evalCheck().level, FolderCheck::Error);
        QVERIFY2(evalLine->text().contains(QStringLiteral("'not-a-class' is not one of the 10 classes")),
                 qPrintable(evalLine->text()));

        // The folder above the image folders.
        choose(QStringLiteral(ADAROUND_TEST_SMALL_DEMO_DIR), kEval);
        QVERIFY2(calibLine->text().contains(QStringLiteral("folder above the image folders")),
                 qPrintable(calibLine->text()));
    }

    // A run that fails as it starts (fewer calibration images than a batch) says so
    // once, in the dismissable message: not also in the views' banner or the status bar.
    void aFailedStartIsToldOnce()
    {
        QTemporaryDir dir;
        copyImages(dir.path(), demoClasses(), 1); // 10 images, a batch is 32
        MainWindow w;
        w.show();
        w.setRunsFolder(runs_.path());
        QVERIFY(w.openModel(kCnn));
        QSignalSpy checked(w.dataFolders(), &DataFoldersWidget::checked);
        w.setDataFolders(dir.path(), kEval);
        QTRY_VERIFY(!checked.isEmpty() && !w.dataFolders()->checking());
        QSignalSpy ended(&w, &MainWindow::runEnded);
        QVERIFY2(w.startRun(), qPrintable(w.messageText()));
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 60000);
        QVERIFY(w.controller()->result().end == adaround::RunEnd::Failed);
        const QString error = QString::fromStdString(w.controller()->result().error);
        QVERIFY2(error.contains(QStringLiteral("fewer than the batch size")), qPrintable(error));
        QCOMPARE(w.findChild<MessageBar*>()->kind(), MessageBar::Error);
        QVERIFY(w.messageText().contains(error));
        QCOMPARE(placesShowing(w, QStringLiteral("fewer than the batch size")), 1);
        auto* banner = w.dashboard()->findChild<QLabel*>(QStringLiteral("runBanner"));
        QVERIFY(banner && banner->isHidden());
        // Dismissable.
        for (QToolButton* b : w.findChild<MessageBar*>()->findChildren<QToolButton*>())
            if (b->toolTip() == QStringLiteral("Dismiss"))
                b->click();
        QVERIFY(w.messageText().isEmpty());
        QCOMPARE(placesShowing(w, QStringLiteral("fewer than the batch size")), 0);

        // A model that does not open: once too.
        QVERIFY(!w.openModel(QStringLiteral(ADAROUND_TEST_MODELS_DIR "/demo_models.json")));
        QCOMPARE(placesShowing(w, QStringLiteral("not a TorchScript archive")), 1);
    }
};

QTEST_MAIN(MainWindowFoldersTest)
#include "main_window_folders_test.moc"
