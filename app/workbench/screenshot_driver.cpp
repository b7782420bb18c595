#include "screenshot_driver.h"

#include "hyperparameter_panel.h"
#include "main_window.h"
#include "run_controller.h"

#include <QApplication>
#include <QPixmap>
#include <QTimer>
#include <cstdio>

namespace {
constexpr int kSettleMs = 600;           // lets queued events and coalesced replots land before the grab
constexpr int kTimeoutMs = 20 * 60 * 1000; // a stuck run must not hang a script
}

ScreenshotDriver::ScreenshotDriver(MainWindow* window, const QString& file, QObject* parent)
    : QObject(parent), window_(window), file_(file)
{
    QTimer::singleShot(kTimeoutMs, this, [this] { fail(tr("timed out before the screenshot")); });
    window_->setConfirmCloseDuringRun(false); // nobody is there to answer
}

void ScreenshotDriver::runDemo(int afterIterations, const QString& configFile)
{
    afterIterations_ = afterIterations;
    connect(window_, &MainWindow::demoOpened, this, [this, configFile](bool ok) {
        if (!ok)
            return fail(window_->lastError());
        window_->panel()->applyPreset(ConfigPreset::FastPreview);
        if (!configFile.isEmpty() && !window_->loadSettings(configFile))
            return fail(window_->lastError());
        if (!window_->startRun())
            fail(window_->lastError());
    });
    connect(window_->controller()->events(), &RunEventBridge::runEvent, this, [this](const SharedRunEvent& e) {
        const bool iteration = std::holds_alternative<adaround::IterationStats>(*e);
        if (iteration && window_->progress().iterationsDone() >= afterIterations_)
            captureSoon();
    });
    connect(window_, &MainWindow::runEnded, this, [this] {
        if (window_->controller()->result().end == adaround::RunEnd::Failed)
            return fail(window_->lastError());
        captureSoon();
    });
    window_->openDemo();
}

void ScreenshotDriver::showLogs(const QString& log, const QStringList& compare)
{
    if (!window_->openLog(log))
        return fail(window_->lastError());
    for (const QString& other : compare)
        if (!window_->compareWith(other))
            return fail(window_->lastError());
    captureSoon();
}

void ScreenshotDriver::captureSoon()
{
    if (triggered_)
        return;
    triggered_ = true;
    QTimer::singleShot(kSettleMs, this, &ScreenshotDriver::capture);
}

void ScreenshotDriver::capture()
{
    // Nothing waits on a dialog: one left open (none should be) is dismissed.
    while (QWidget* modal = QApplication::activeModalWidget()) {
        std::fprintf(stderr, "adaround-workbench: dismissed the dialog '%s'\n", qPrintable(modal->windowTitle()));
        modal->close();
        if (QApplication::activeModalWidget() == modal)
            break;
    }
    if (!window_->grab().save(file_, "PNG"))
        return fail(tr("cannot write %1").arg(file_));
    if (afterIterations_ > 0)
        std::fprintf(stderr, "adaround-workbench: wrote %s (%d iterations run)\n", qPrintable(file_),
                     window_->progress().iterationsDone());
    else
        std::fprintf(stderr, "adaround-workbench: wrote %s\n", qPrintable(file_));
    QCoreApplication::exit(0);
}

void ScreenshotDriver::fail(const QString& message)
{
    std::fprintf(stderr, "adaround-workbench: screenshot failed: %s\n", qPrintable(message));
    QCoreApplication::exit(1);
}
