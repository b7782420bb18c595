#pragma once
// Keeps a list of the run logs in some folders up to date: a file-system
// watcher notices changes (a CLI run creating its log, a running run saving,
// a sidecar edited), a short debounce gathers them, and a worker thread stats
// the folders and reads the summaries of new or changed logs only (core's
// readRunLogSummary: attributes, not series), so the GUI thread never parses.
#include "adaround/run_log_summary.h"
#include "run_notes.h"

#include <QDateTime>
#include <QFileSystemWatcher>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <memory>
#include <vector>

class QThread;

// One log as last read.
struct RunEntry {
    QString path;
    bool readable = false;
    QString error;                  // why it could not be read
    adaround::RunLogSummary summary;
    RunNotes notes;
    QDateTime modified;             // of the log file
};

// What one scan found: logs new or changed since the previous scan, and logs gone.
struct RunScan {
    std::vector<RunEntry> changed;
    QStringList removed;
};
using SharedRunScan = std::shared_ptr<const RunScan>;
Q_DECLARE_METATYPE(SharedRunScan)

class RunScanWorker;

class RunFolderScanner : public QObject {
    Q_OBJECT
public:
    explicit RunFolderScanner(QObject* parent = nullptr);
    ~RunFolderScanner() override; // stops the worker thread (after the log it is reading)

    // The folders to list (missing ones are watched for once they appear).
    void setFolders(const QStringList& folders);
    QStringList folders() const { return folders_; }
    // Scans soon (after the debounce).
    void rescan();
    bool isScanning() const { return scanning_; }

    static constexpr int kDebounceMs = 300;

signals:
    void scanned(const SharedRunScan& scan);

private:
    void startScan();
    void onScanned(const SharedRunScan& scan);
    void watchFolders();

    QStringList folders_;
    QFileSystemWatcher watcher_;
    QTimer debounce_;
    QTimer missingPoll_; // a folder that does not exist yet cannot be watched
    QThread* thread_ = nullptr;
    RunScanWorker* worker_ = nullptr;
    bool scanning_ = false;
    bool again_ = false; // a change came during a scan
};
