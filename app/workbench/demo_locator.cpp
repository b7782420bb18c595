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
    const QString app = QCoreApplication::applicationDirPath();
    // Installed first, found beside the binary (<prefix>/bin -> <prefix>/share) so that a
    // package built with any CMAKE_INSTALL_PREFIX works, and so that an installed
    // program never picks up the models of the source tree it was built from.
    const QStringList models = {app + QStringLiteral("/../share/adaround-workbench/models/fmnist_cnn.pt"),
                                QStringLiteral(ADAROUND_SOURCE_MODELS_DIR "/fmnist_cnn.pt"),
                                QStringLiteral(ADAROUND_INSTALL_MODELS_DIR "/fmnist_cnn.pt")};
    d.model = models.at(1);
    for (const QString& m : models)
        if (QFileInfo::exists(m)) {
            d.model = QDir::cleanPath(m);
            break;
        }
    // The same folder as adaround-prepare-demo's default.
    const QString dir = xdgDir("XDG_CACHE_HOME", QStringLiteral("/.cache")) + QStringLiteral("/adaround-workbench/fmnist-v1");
    d.calibDir = dir + QStringLiteral("/calib");
    d.evalDir = dir + QStringLiteral("/eval");
    d.ready = QFileInfo::exists(d.model) && QFileInfo::exists(dir + QStringLiteral("/READY"));

    for (const QString& p : {app + QStringLiteral("/../datasets/adaround-prepare-demo"),
                             app + QStringLiteral("/adaround-prepare-demo"),
                             QStandardPaths::findExecutable(QStringLiteral("adaround-prepare-demo"))})
        if (!p.isEmpty() && QFileInfo(p).isExecutable()) {
            d.prepareProgram = QFileInfo(p).canonicalFilePath();
            break;
        }
    return d;
}
