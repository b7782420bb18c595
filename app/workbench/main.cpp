// adaround-workbench: the Qt desktop application.
#include "adaround/runtime.h"
#include "main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

namespace {

QString demoModelPath()
{
    const QStringList candidates = {QStringLiteral(ADAROUND_SOURCE_MODELS_DIR "/fmnist_cnn.pt"),
                                    QStringLiteral(ADAROUND_INSTALL_MODELS_DIR "/fmnist_cnn.pt")};
    for (const QString& c : candidates)
        if (QFileInfo::exists(c))
            return c;
    return candidates.front();
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("AdaRound Workbench"));
    QApplication::setOrganizationName(QStringLiteral("AdaRound Workbench"));
    QApplication::setApplicationVersion(QString::fromStdString(adaround::appVersion()));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Adaptive rounding for post-training quantization, live."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Open the embedded Fashion-MNIST demo model."));
    QCommandLineOption model(QStringLiteral("model"), QStringLiteral("Open a TorchScript model."),
                             QStringLiteral("FILE"));
    parser.addOptions({demo, model});
    parser.process(app);

    adaround::setThreads(0);
    MainWindow window;
    if (parser.isSet(model))
        window.openModel(parser.value(model));
    else if (parser.isSet(demo))
        window.openModel(demoModelPath());
    window.show();
    return app.exec();
}
