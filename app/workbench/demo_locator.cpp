#include "demo_locator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace {

QString xdgDir(const char* variable, const QString& fallback)
{
    const QString v = qEnvironmentVariable(variable);
    return v.isEmpty() ? QDir::homePath() + fallback : v;
}

} // namespace

DemoLocation locateDemo()
{
    DemoLocation d;
    const QStringList models = {QStringLiteral(ADAROUND_SOURCE_MODELS_DIR "/fmnist_cnn.pt"),
                                QStringLiteral(ADAROUND_INSTALL_MODELS_DIR "/fmnist_cnn.pt")};
    d.model = models.front();
    for (const QString& m : models)
        if (QFileInfo::exists(m)) {
            d.model = m;
            break;
        }
    // The same folder as adaround-prepare-demo's default (CMake's ADAROUND_DEMO_DIR).
    const QString dir = xdgDir("XDG_CACHE_HOME", QStringLiteral("/.cache")) + QStringLiteral("/adaround-workbench/fmnist-v1");
    d.calibDir = dir + QStringLiteral("/calib");
    d.evalDir = dir + QStringLiteral("/eval");
    d.ready = QFileInfo::exists(d.model) && QFileInfo::exists(dir + QStringLiteral("/READY"));

    const QString app = QCoreApplication::applicationDirPath();
    for (const QString& p : {app + QStringLiteral("/../datasets/adaround-prepare-demo"),
                             app + QStringLiteral("/adaround-prepare-demo"),
                             QStandardPaths::findExecutable(QStringLiteral("adaround-prepare-demo"))})
        if (!p.isEmpty() && QFileInfo(p).isExecutable()) {
            d.prepareProgram = QFileInfo(p).canonicalFilePath();
            break;
        }
    return d;
}
