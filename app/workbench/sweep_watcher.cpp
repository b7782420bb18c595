#include "sweep_watcher.h"

#include "adaround/error.h"
#include "worker_thread.h"

#include <QDir>
#include <QFileInfo>

SweepWatcher::SweepWatcher(QObject* parent) : QObject(parent), worker_(new WorkerThread(this))
{
    timer_.setInterval(kIntervalMs);
    connect(&timer_, &QTimer::timeout, this, &SweepWatcher::refresh);
}

SweepWatcher::~SweepWatcher()
{
    timer_.stop();
    blockSignals(true);
    ++generation_;  // the read in flight ends without starting another
    again_ = false; // (a re-read would outlive the members it writes)
    worker_->wait();
}

void SweepWatcher::open(const QString& dir)
{
    // The previous folder's read is stale before it ends: it must neither be
    // shown nor start a re-read while its manifest and cache are reset here.
    ++generation_;
    again_ = false;
    worker_->wait(); // a read of the previous folder ends first (reads are short)
    dir_ = QFileInfo(dir).absoluteFilePath();
    manifest_ = {};
    cache_ = {};
    report_ = adaround::Json::object();
    startRead();
}

bool SweepWatcher::isReading() const
{
    return worker_->isRunning();
}

void SweepWatcher::waitForRead()
{
    worker_->wait();
}

void SweepWatcher::refresh()
{
    if (dir_.isEmpty())
        return;
    if (worker_->isRunning())
        again_ = true;
    else
        startRead();
}

void SweepWatcher::setSweepRunning(bool running)
{
    sweepRunning_ = running;
    if (running)
        timer_.start();
    else
        refresh(); // the last states; the timer stops after it unless a point is still live
}

void SweepWatcher::startRead()
{
    const std::string dir = dir_.toStdString();
    const int generation = generation_;
    auto job = [this, dir] {
        readError_.clear();
        noManifest_ = false;
        try {
            if (manifest_.points.empty()) {
                if (!QFileInfo::exists(QDir(QString::fromStdString(dir)).filePath(QStringLiteral("manifest.json")))) {
                    noManifest_ = true;
                    return;
                }
                manifest_ = adaround::readSweepManifest(dir);
            }
            readReport_ = adaround::sweepReport(manifest_, adaround::readSweepStates(manifest_, cache_));
        } catch (const std::exception& e) {
            readError_ = QString::fromStdString(e.what());
        }
    };
    worker_->start(QStringLiteral("adaround-sweep-read"), job, [this, generation] {
        if (generation == generation_)
            onRead();
    });
}

void SweepWatcher::onRead()
{
    if (noManifest_ && !sweepRunning_)
        emit readFailed(tr("%1 holds no sweep (no manifest.json): open the folder given as the sweep's --out")
                            .arg(QDir::toNativeSeparators(dir_)));
    else if (!readError_.isEmpty())
        emit readFailed(readError_);
    else if (!noManifest_) {
        report_ = std::move(readReport_);
        emit reportChanged();
    }
    const bool live = sweepRunning_ || (readError_.isEmpty() && !noManifest_ && anyPointLive());
    if (live && !timer_.isActive())
        timer_.start();
    else if (!live)
        timer_.stop();
    if (again_) {
        again_ = false;
        startRead();
    }
}

bool SweepWatcher::anyPointLive() const
{
    for (const adaround::Json& p : report_.value("points", adaround::Json::array())) {
        const std::string s = p.value("status", "");
        if (s == "pending" || s == "queued" || s == "running")
            return true;
    }
    return false;
}
