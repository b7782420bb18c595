// The workbench's class list (issue 10, silent wrong results): folders holding
// only some of the model's classes are labelled by name against the class-list
// file chosen in the data folders; without one the run is refused with a
// message naming the class list, never scored with shifted labels.
#include "adaround/config_json.h"
#include "adaround/run_log.h"
#include "data_folders_widget.h"
#include "main_window.h"
#include "run_controller.h"

#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QString kCalib = QStringLiteral(ADAROUND_TEST_DEMO_DIR "/calib");
const QString kEval = QStringLiteral(ADAROUND_TEST_SMALL_DEMO_DIR "/eval");

// A folder of symlinks to the class subfolders KEEP of SOURCE.
QString subset(const QString& root, const QString& name, const QString& source, const QList<int>& keep)
{
    const QStringList classes = QDir(source).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    QDir(root).mkpath(name);
    for (int i : keep)
        QFile::link(source + QLatin1Char('/') + classes[i], root + QLatin1Char('/') + name + QLatin1Char('/') + classes[i]);
    return root + QLatin1Char('/') + name;
}

void prepare(MainWindow& w, const QString& runs, const QString& calib, const QString& eval)
{
    w.setRunsFolder(runs);
    QVERIFY(w.openModel(QStringLiteral(ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt")));
    w.setDataFolders(calib, eval);
    adaround::AdaRoundConfig c = w.buildConfig();
    c.iterations = 20;
    c.calibSize = 64;
    c.evalSubset = 0;
    w.applyConfig(c);
}

} // namespace

class MainWindowClassesTest : public QObject {
    Q_OBJECT
    QTemporaryDir dir_;
    QString calib_, eval_, classesFile_;
    std::vector<std::string> names_;

private slots:
    void initTestCase()
    {
        QVERIFY(dir_.isValid());
        calib_ = subset(dir_.path(), QStringLiteral("calib"), kCalib, {5, 6, 7, 8, 9});
        eval_ = subset(dir_.path(), QStringLiteral("eval"), kEval, {5, 6, 7, 8, 9});
        classesFile_ = dir_.filePath(QStringLiteral("classes.txt"));
        QFile f(classesFile_);
        QVERIFY(f.open(QIODevice::WriteOnly));
        for (const QString& c : QDir(kCalib).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
            f.write(c.toUtf8() + "\r\n");
            names_.push_back(c.toStdString());
        }
        QCOMPARE(names_.size(), size_t(10));
    }

    void subsetWithoutAClassListIsRefused()
    {
        MainWindow w;
        prepare(w, dir_.path(), calib_, eval_);
        QSignalSpy ended(&w, &MainWindow::runEnded);
        QVERIFY(w.startRun());
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 120000);
        QVERIFY(w.controller()->result().end == adaround::RunEnd::Failed);
        QVERIFY2(w.messageText().contains(QStringLiteral("5 class folders")), qPrintable(w.messageText()));
        QVERIFY2(w.messageText().contains(QStringLiteral("Class list")), qPrintable(w.messageText()));
    }

    void classListFileLabelsTheFoldersByName()
    {
        MainWindow w;
        prepare(w, dir_.path(), calib_, eval_);
        auto* folders = w.findChild<DataFoldersWidget*>();
        QVERIFY(folders);
        folders->setClassesFile(classesFile_);
        QCOMPARE(w.buildConfig().classNames, names_);
        QSignalSpy ended(&w, &MainWindow::runEnded);
        QVERIFY(w.startRun());
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 120000);
        const adaround::RunResult& r = w.controller()->result();
        QVERIFY2(r.end == adaround::RunEnd::Completed, r.error.c_str());
        QCOMPARE(r.started.classes.source, std::string("list"));
        QCOMPARE(r.started.classes.evalClasses, (std::vector<int>{5, 6, 7, 8, 9}));
        QVERIFY(r.final.fp32.top1 > 70); // a shifted labelling scores ~0 %
        const adaround::RunLog log = adaround::readRunLog(w.controller()->logPath().toStdString());
        QCOMPARE(log.record.started.classes.names, names_);
        QCOMPARE(log.record.started.config.classNames, names_);

        // Settings saved and loaded elsewhere carry the names, without the file.
        const QString saved = dir_.filePath(QStringLiteral("settings.json"));
        adaround::saveConfigFile(w.buildConfig(), saved.toStdString());
        MainWindow other;
        prepare(other, dir_.path(), calib_, eval_);
        QVERIFY(other.buildConfig().classNames.empty());
        QVERIFY(other.loadSettings(saved));
        QCOMPARE(other.buildConfig().classNames, names_);
        auto* otherFolders = other.findChild<DataFoldersWidget*>();
        QVERIFY(otherFolders->classesFile().isEmpty());
        QVERIFY(otherFolders->findChild<QLineEdit*>(QStringLiteral("classesFile"))->placeholderText().contains(
            QStringLiteral("10 class name(s) from the loaded settings")));
    }

    void aBadClassListFileIsAMessage()
    {
        const QString dup = dir_.filePath(QStringLiteral("dup.txt"));
        QFile f(dup);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("a\nb\na\n");
        f.close();
        MainWindow w;
        prepare(w, dir_.path(), calib_, eval_);
        w.findChild<DataFoldersWidget*>()->setClassesFile(dup);
        QVERIFY(!w.startRun());
        QVERIFY2(w.messageText().contains(QStringLiteral("dup.txt:3:")), qPrintable(w.messageText()));
    }
};

QTEST_MAIN(MainWindowClassesTest)
#include "main_window_classes_test.moc"
