#pragma once
// One stochastic-rounding study at a time (adaround/stochastic_study.h) on a
// worker thread, written to a study log; its events reach the GUI as queued
// signals (each copied once into a shared pointer), so the window never waits
// for the engine and the engine never touches a widget. Cancel stops it at the
// next image chunk, sample or AdaRound iteration.
#include "adaround/run_control.h"
#include "adaround/stochastic_study.h"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>

using SharedStudyEvent = std::shared_ptr<const adaround::StudyEvent>;
Q_DECLARE_METATYPE(SharedStudyEvent)

class QThread;

class StudyRunner : public QObject {
    Q_OBJECT
public:
    explicit StudyRunner(QObject* parent = nullptr);
    ~StudyRunner() override; // cancels a study that is going and waits for it

    // False (and ERROR) if one is going or the log cannot be created (LOGPATH
    // exists, or its folder is not writable); "" = no log.
    bool start(const adaround::StudyRequest& request, const QString& logPath, QString* error);
    bool isRunning() const { return thread_ != nullptr; }
    void cancel();
    void wait();
    QString logPath() const { return logPath_; }

signals:
    void studyEvent(const SharedStudyEvent& event);
    void finished(); // after the last event (completed, cancelled or failed)

private:
    void onThreadFinished(QThread* t);

    QThread* thread_ = nullptr;
    std::unique_ptr<adaround::RunControl> control_;
    QString logPath_;
};
