#include "sweep_launcher.h"

#include "adaround/config_json.h"
#include "adaround/error.h"
#include "adaround/helper_program.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace {
constexpr qsizetype kMaxOutput = 64 * 1024; // the progress lines kept, for the last line and errors
}

SweepLauncher::SweepLauncher(QObject* parent) : QObject(parent), cli_(findCli())
{
    process_.setProcessChannelMode(QProcess::MergedChannels);
    connect(&process_, &QProcess::readyRead, this, [this] {
        output_ += QString::fromLocal8Bit(process_.readAll());
        if (output_.size() > kMaxOutput)
            output_ = output_.right(kMaxOutput);
    });
    connect(&process_, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        output_ += QString::fromLocal8Bit(process_.readAll());
        const QStringList lines = output_.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        emit finished(status == QProcess::NormalExit ? code : 128 + 15, lines.isEmpty() ? QString() : lines.last());
    });
}

SweepLauncher::~SweepLauncher()
{
    if (!isRunning())
        return;
    process_.disconnect(this);
    stop();
    if (!process_.waitForFinished(10000))
        process_.kill(); // the points' own processes get SIGTERM from the CLI first
    process_.waitForFinished(2000);
}

QString SweepLauncher::findCli()
{
    return QString::fromStdString(
        adaround::findHelperProgram(adaround::helperProgramCandidates("adaround-cli", ADAROUND_INSTALLED_CLI)));
}

bool SweepLauncher::start(const adaround::AdaRoundConfig& config, const SweepRequest& r, QString* error)
{
    auto fail = [error](const QString& why) {
        if (error)
            *error = why;
        return false;
    };
    if (isRunning())
        return fail(tr("a sweep is going already"));
    if (cli_.isEmpty())
        return fail(tr("adaround-cli is not installed beside the workbench"));
    if (r.grid.isEmpty())
        return fail(tr("give at least one setting to vary (KEY=V1,V2,...)"));
    if (r.outDir.trimmed().isEmpty())
        return fail(tr("choose the sweep's output folder"));
    const QString dir = QFileInfo(r.outDir).absoluteFilePath();
    if (!QDir().mkpath(dir))
        return fail(tr("%1: cannot create the folder").arg(dir));
    const QString base = QDir(dir).filePath(QStringLiteral("base-config.json"));
    // Resuming the same sweep rewrites the same file; any other one is kept: it may be
    // another sweep's setup (which its resume needs) or a file of the user's.
    QFile existing(base);
    if (existing.exists() && (!existing.open(QIODevice::ReadOnly) ||
                              existing.readAll() != QByteArray::fromStdString(adaround::configToJson(config) + "\n")))
        return fail(tr("%1 already holds a different base-config.json (another sweep's setup?): choose an "
                       "empty folder, or that sweep's own setup to resume it")
                        .arg(QDir::toNativeSeparators(dir)));
    try {
        adaround::saveConfigFile(config, base.toStdString());
    } catch (const adaround::Error& e) {
        return fail(QString::fromStdString(e.what()));
    }
    QStringList args{QStringLiteral("sweep"), QStringLiteral("--config"), base};
    for (const QString& axis : r.grid)
        args << QStringLiteral("--grid") << axis;
    args << QStringLiteral("--seeds") << QString::number(r.seeds) << QStringLiteral("--jobs") << QString::number(r.jobs)
         << QStringLiteral("--out") << dir;
    outDir_ = dir;
    output_.clear();
    process_.start(cli_, args);
    if (!process_.waitForStarted(10000))
        return fail(tr("cannot start %1: %2").arg(cli_, process_.errorString()));
    emit started(dir);
    return true;
}

void SweepLauncher::stop()
{
    if (isRunning())
        process_.terminate();
}

bool SweepLauncher::waitForEnd(int msecs)
{
    return !isRunning() || process_.waitForFinished(msecs);
}
