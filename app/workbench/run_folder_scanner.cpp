#include "run_folder_scanner.h"

#include "adaround/error.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QThread>

#include <atomic>

// Lives on the scanner's thread; remembers what it read by the files' stamps.
class RunScanWorker : public QObject {
    Q_OBJECT
public:
    std::atomic<bool> stop{false}; // set by the scanner's destructor: leave the rest unread

    void scan(const QStringList& folders)
    {
        auto result = std::make_shared<RunScan>();
        QHash<QString, Stamp> seen;
        for (const QString& folder : folders) {
            const QFileInfoList files =
                QDir(folder).entryInfoList({QStringLiteral("*.h5")}, QDir::Files | QDir::Readable, QDir::Name);
            for (const QFileInfo& f : files) { // hidden ".RUN.h5.partial" siblings are not listed
                const QString path = f.absoluteFilePath();
                if (seen.contains(path))
                    continue;
                const QFileInfo notes(runNotesPath(path));
                const Stamp stamp{f.size(), f.lastModified(), notes.exists() ? notes.lastModified() : QDateTime()};
                seen.insert(path, stamp);
                const auto known = stamps_.constFind(path);
                if (known != stamps_.constEnd() && *known == stamp)
                    continue;
                if (stop)
                    return;
                result->changed.push_back(read(path, f.lastModified()));
            }
        }
        for (auto it = stamps_.constBegin(); it != stamps_.constEnd(); ++it)
            if (!seen.contains(it.key()))
                result->removed << it.key();
        stamps_ = std::move(seen);
        emit scanned(result);
    }

signals:
    void scanned(const SharedRunScan& scan);

private:
    struct Stamp {
        qint64 size = 0;
        QDateTime modified, notesModified;
        bool operator==(const Stamp& o) const
        {
            return size == o.size && modified == o.modified && notesModified == o.notesModified;
        }
    };

    static RunEntry read(const QString& path, const QDateTime& modified)
    {
        RunEntry e;
        e.path = path;
        e.modified = modified;
        e.notes = readRunNotes(path);
        try {
            e.summary = adaround::readRunLogSummary(path.toStdString());
            e.readable = true;
        } catch (const std::exception& ex) { // adaround::Error, or anything a damaged file provokes
            e.error = QString::fromStdString(ex.what());
        }
        return e;
    }

    QHash<QString, Stamp> stamps_;
};

RunFolderScanner::RunFolderScanner(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<SharedRunScan>();
    debounce_.setSingleShot(true);
    debounce_.setInterval(kDebounceMs);
    connect(&debounce_, &QTimer::timeout, this, &RunFolderScanner::startScan);
    missingPoll_.setInterval(5000);
    connect(&missingPoll_, &QTimer::timeout, this, [this] {
        watchFolders();
        rescan();
    });
    connect(&watcher_, &QFileSystemWatcher::directoryChanged, this, &RunFolderScanner::rescan);

    thread_ = new QThread(this);
    thread_->setObjectName(QStringLiteral("run-folder-scanner"));
    worker_ = new RunScanWorker;
    worker_->moveToThread(thread_);
    connect(thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(worker_, &RunScanWorker::scanned, this, &RunFolderScanner::onScanned);
    thread_->start(QThread::LowPriority); // a background list: the run's worker comes first
}

RunFolderScanner::~RunFolderScanner()
{
    worker_->stop = true;
    thread_->quit();
    thread_->wait();
}

void RunFolderScanner::setFolders(const QStringList& folders)
{
    QStringList clean;
    for (const QString& f : folders) {
        const QString abs = QDir(f).absolutePath();
        if (!f.isEmpty() && !clean.contains(abs))
            clean << abs;
    }
    if (clean == folders_)
        return;
    folders_ = clean;
    watchFolders();
    rescan();
}

void RunFolderScanner::watchFolders()
{
    if (!watcher_.directories().isEmpty())
        watcher_.removePaths(watcher_.directories());
    bool missing = false;
    for (const QString& f : folders_) {
        if (QFileInfo(f).isDir())
            watcher_.addPath(f);
        else
            missing = true;
    }
    if (missing && !missingPoll_.isActive())
        missingPoll_.start();
    else if (!missing)
        missingPoll_.stop();
}

void RunFolderScanner::rescan()
{
    if (!debounce_.isActive()) // a burst of changes (a save, a copy of many logs) is one scan
        debounce_.start();
}

void RunFolderScanner::startScan()
{
    if (scanning_) {
        again_ = true;
        return;
    }
    scanning_ = true;
    const QStringList folders = folders_;
    QMetaObject::invokeMethod(worker_, [w = worker_, folders] { w->scan(folders); }, Qt::QueuedConnection);
}

void RunFolderScanner::onScanned(const SharedRunScan& scan)
{
    scanning_ = false;
    if (!scan->changed.empty() || !scan->removed.isEmpty())
        emit scanned(scan);
    if (again_) {
        again_ = false;
        rescan();
    }
}

#include "run_folder_scanner.moc"
