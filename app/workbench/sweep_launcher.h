#pragma once
// Run > Sweep from Current Setup: the setup's configuration saved to
// DIR/base-config.json and `adaround-cli sweep --config FILE --grid ...
// --seeds K --jobs N --out DIR` started as a child process (the CLI beside
// this program, as helper_program.h finds it). The sweep runs its points as
// processes of their own; stopping sends SIGTERM, on which the CLI cancels
// the running points (their logs say cancelled) and the same command resumes.
#include "adaround/adaround_config.h"

#include <QObject>
#include <QProcess>
#include <QStringList>

struct SweepRequest {
    QStringList grid; // KEY=V1,V2,... each
    int seeds = 1;
    int jobs = 1;
    QString outDir;
};

class SweepLauncher : public QObject {
    Q_OBJECT
public:
    explicit SweepLauncher(QObject* parent = nullptr);
    ~SweepLauncher() override; // stops a sweep that is going, and waits for it

    // adaround-cli as found beside this program (or installed); "" if none.
    static QString findCli();
    void setCliProgram(const QString& path) { cli_ = path; } // tests: the build tree's
    QString cliProgram() const { return cli_; }

    // Saves CONFIG beside the sweep and starts it; false and ERROR (why) if it cannot.
    bool start(const adaround::AdaRoundConfig& config, const SweepRequest& request, QString* error);
    bool isRunning() const { return process_.state() != QProcess::NotRunning; }
    void stop();                // SIGTERM: the CLI cancels the running points
    bool waitForEnd(int msecs); // tests and shutdown
    QString outDir() const { return outDir_; }
    QStringList arguments() const { return process_.arguments(); }
    QString output() const { return output_; } // what the CLI printed (progress lines, errors)

signals:
    void started(const QString& dir);
    // EXIT_CODE is the CLI's (0 all points completed, 1 a point did not, 3 stopped).
    void finished(int exitCode, const QString& lastLine);

private:
    QProcess process_;
    QString cli_, outDir_, output_;
};
