// The workbench's Open Log and Compare on damaged run logs: every one is a
// message, never a crash of the window's process (they go through readRunLog,
// whose parsing of unverified files runs in the sandbox helper). Real data: a
// log written by the CLI before the integrity header, and a sealed copy of it.
#include "main_window.h"
#include "message_bar.h"
#include "run_dashboard.h"

#include "adaround/run_log.h"

#include <QDir>
#include <QFile>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeAll(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

} // namespace

class MainWindowDamagedLogTest : public QObject {
    Q_OBJECT
private slots:
    void damagedLogsAreMessagesNotCrashes()
    {
        QTemporaryDir dir;
        const QString v1 = QStringLiteral(ADAROUND_TEST_RUNLOG_V1);
        const QString sealed = dir.filePath(QStringLiteral("sealed.h5"));
        {
            adaround::RunLogWriter writer(sealed.toStdString());
            adaround::replay(adaround::readRunLog(v1.toStdString()).record, writer);
        }
        MainWindow w;
        QVERIFY(w.openLog(v1)); // the earlier format still opens
        QVERIFY(w.openLog(sealed));
        int opened = 0, refused = 0;
        for (const QString& source : {v1, sealed}) {
            const QByteArray bytes = readAll(source);
            QVERIFY(bytes.size() > 100000);
            const int step = bytes.size() / 24;
            for (int at = 3; at < bytes.size(); at += step) {
                QByteArray damaged = bytes;
                damaged[at] = char(damaged[at] ^ 0xff);
                const QString path = dir.filePath(QStringLiteral("flip-%1.h5").arg(at));
                writeAll(path, damaged);
                (w.openLog(path) ? opened : refused) += 1;
                if (!w.compareWith(path))
                    QVERIFY(w.lastError().contains(QStringLiteral("flip-%1.h5").arg(at)));
                writeAll(path, bytes.left(at));
                QVERIFY(!w.openLog(path));
                QVERIFY(w.lastError().contains(QStringLiteral("Could not open the run log")));
            }
        }
        QVERIFY(refused > 0);
        qInfo("%d damaged logs opened (damage in unread bytes of the old format), %d refused", opened, refused);
        // A byte that makes HDF5 1.10.8 segfault (see runlog_damage_sweep.py).
        QByteArray crash = readAll(v1);
        crash[1746] = char(crash[1746] ^ 0xff);
        writeAll(dir.filePath(QStringLiteral("crash.h5")), crash);
        QVERIFY(!w.openLog(dir.filePath(QStringLiteral("crash.h5"))));
        QVERIFY(w.lastError().contains(QStringLiteral("damaged run log")));
        QVERIFY(w.findChild<MessageBar*>()->actionButton()->isHidden()); // a crash is not offered again
        QVERIFY(!w.compareWith(dir.filePath(QStringLiteral("crash.h5"))));
        const QString fifo = dir.filePath(QStringLiteral("pipe.h5"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        QVERIFY(!w.openLog(fifo));
        QVERIFY(w.lastError().contains(QStringLiteral("not a regular file")));
    }

    // A sealed log changed after it was written (its checksum no longer matches)
    // is refused with an "Open anyway" button; pressed, the log opens, read in
    // the sandbox helper, with a note that its figures may be wrong.
    void aDamagedLogOpensOnlyWhenAsked()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("edited.h5"));
        {
            adaround::RunLogWriter writer(path.toStdString());
            adaround::replay(adaround::readRunLog(ADAROUND_TEST_RUNLOG_V1).record, writer);
        }
        QByteArray bytes = readAll(path);
        const int sha = bytes.indexOf("\nsha256 ");
        QVERIFY(sha > 0 && sha < 512);
        bytes[sha + 8] = bytes[sha + 8] == '0' ? '1' : '0'; // the header only: HDF5's part is intact
        writeAll(path, bytes);

        MainWindow w;
        auto* bar = w.findChild<MessageBar*>();
        QVERIFY(!w.openLog(path));
        QVERIFY(w.lastError().contains(QStringLiteral("checksum mismatch")));
        QVERIFY(!bar->actionButton()->isHidden());
        QCOMPARE(bar->actionButton()->text(), QStringLiteral("Open anyway"));
        bar->actionButton()->click();
        QVERIFY(w.messageText().contains(QStringLiteral("opened anyway")));
        QVERIFY(w.messageText().contains(QStringLiteral("checksum mismatch")));
        QVERIFY(w.dashboard()->layerTable()->rowCount() > 0);

        QVERIFY(!w.compareWith(path)); // the same offer for an overlay
        QVERIFY(!bar->actionButton()->isHidden());
        bar->actionButton()->click();
        QVERIFY(bar->isHidden()); // overlaid, no new error
    }
};

QTEST_MAIN(MainWindowDamagedLogTest)
#include "main_window_damaged_log_test.moc"
