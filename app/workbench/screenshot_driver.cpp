#include "screenshot_driver.h"

#include "ablation_window.h"
#include "dashboard_layout.h"
#include "hyperparameter_panel.h"
#include "lab_attempts_model.h"
#include "layer_lab_window.h"
#include "layer_results_model.h"
#include "main_window.h"
#include "run_controller.h"
#include "run_dashboard.h"
#include "run_replay.h"
#include "rtn_evaluation.h"
#include "sensitivity_actions.h"
#include "sweep_view.h"
#include "sweep_watcher.h"
#include "teach_menu.h"
#include "weight_budget.h"

#include <QApplication>
#include <QDockWidget>
#include <QPixmap>
#include <QTabWidget>
#include <QTimer>
#include <QMap>
#include <algorithm>
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

bool ScreenshotDriver::openTeachView()
{
    if (teach_.isEmpty())
        return true;
    if (teach_ != QLatin1String("relaxation")) {
        fail(tr("no teaching view named %1 (relaxation)").arg(teach_));
        return false;
    }
    window_->showRelaxationView();
    return true;
}

void ScreenshotDriver::runDemo(int afterIterations, const QString& configFile)
{
    if (!openTeachView())
        return;
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

void ScreenshotDriver::showSensitivity(double averageBits)
{
    SensitivityActions* s = window_->sensitivity();
    connect(window_, &MainWindow::demoOpened, this, [this, s, averageBits](bool ok) {
        if (!ok)
            return fail(window_->lastError());
        window_->weightBudget()->setBudget(averageBits, WeightBudget::AverageBits);
        if (!s->start(averageBits))
            fail(window_->lastError());
    });
    connect(s, &SensitivityActions::error, this, [this](const QString& text) { fail(text); });
    connect(s, &SensitivityActions::info, this, [this, s] {
        if (!s->isRunning() && s->hasPlan() && !triggered_) {
            captureSoon(); // first: applying says so through info() again
            s->applyPlan();
        }
    });
    window_->openDemo();
}

void ScreenshotDriver::showBaseline()
{
    // The demo opens at the Teaching preset, which evaluates FP32 and RTN first.
    connect(window_->evaluation(), &RtnEvaluation::finished, this, [this](bool ok, const QString& error) {
        if (!ok)
            return fail(error);
        // Wide enough for the layer table's RTN error column: the lesson's point.
        if (auto* dock = window_->findChild<QDockWidget*>(QStringLiteral("setupDock")))
            window_->resizeDocks({dock}, {window_->width() * 11 / 20}, Qt::Horizontal);
        // Once laid out: if the dashboard is in tabs, the accuracy bars in front.
        QTimer::singleShot(kSettleMs, this, [this] {
            DashboardLayout* layout = window_->dashboard()->arrangement();
            if (layout->mode() == DashboardLayout::Mode::Tabs)
                layout->tabs()->setCurrentWidget(layout->view(QStringLiteral("accuracy")));
            captureSoon();
        });
    });
    connect(window_, &MainWindow::demoOpened, this, [this](bool ok) {
        if (!ok)
            fail(window_->lastError());
    });
    window_->openDemo();
}

void ScreenshotDriver::showLayerLab(const QString& layer)
{
    connect(window_, &MainWindow::demoOpened, this, [this, layer](bool ok) {
        if (!ok)
            return fail(window_->lastError());
        if (!window_->showLayerLab(layer))
            return fail(window_->lastError());
        LayerLabWindow* lab = window_->layerLab();
        target_ = lab;
        const double lambda = window_->buildConfig().lambda;
        connect(lab, &LayerLabWindow::failed, this,
                [this](const QString& e) { fail(e.isEmpty() ? tr("the layer lab was cancelled") : e); });
        connect(lab, &LayerLabWindow::opened, lab, [lab] { lab->runAttempt(); });
        // Three attempts: the setup's knobs, a ten times larger lambda, and a cosine decay.
        connect(lab, &LayerLabWindow::attemptFinished, this, [this, lab, lambda] {
            const int made = lab->attempts()->rowCount();
            if (made == 1)
                lab->setKnob("lambda", 10 * lambda);
            if (made == 2) {
                lab->setKnob("lambda", lambda);
                lab->setKnob("schedule", std::string("cosine"));
            }
            if (made >= 3)
                captureSoon();
            else
                lab->runAttempt();
        });
        if (!lab->capture())
            fail(tr("the layer lab cannot capture %1").arg(layer));
    });
    window_->openDemo();
}

void ScreenshotDriver::showSweep(const QString& dir, const QString& plot)
{
    static const QStringList plots{QStringLiteral("knob"), QStringLiteral("heatmap"), QStringLiteral("parallel")};
    if (!plots.contains(plot))
        return fail(tr("no sweep plot named %1 (knob, heatmap, parallel)").arg(plot));
    SweepView* view = window_->showSweepView();
    // The sweep's dock gets the window's width; the setup docks are closed.
    auto* dock = window_->findChild<QDockWidget*>(QStringLiteral("sweepDock"));
    for (QDockWidget* other : window_->findChildren<QDockWidget*>())
        if (other != dock)
            other->hide();
    window_->resizeDocks({dock}, {window_->width() * 3 / 4}, Qt::Horizontal);
    connect(view->watcher(), &SweepWatcher::readFailed, this, [this](const QString& e) { fail(e); });
    connect(view->watcher(), &SweepWatcher::reportChanged, this, [this, view, plot] {
        view->plots()->setCurrentIndex(int(plots.indexOf(plot)));
        captureSoon();
    });
    view->openFolder(dir);
}

void ScreenshotDriver::replayLog(const QString& log, double atFraction, double seconds)
{
    if (!openTeachView())
        return;
    RunReplay* replay = window_->replay();
    replay->setSpeed({RunReplay::Speed::WholeRunIn, seconds});
    connect(replay, &RunReplay::progressed, this, [this, replay, atFraction](double f) {
        if (f >= atFraction) {
            replay->setPaused(true); // the picture shows this moment
            captureSoon();
        }
    });
    connect(replay, &RunReplay::ended, this, [this] { captureSoon(); });
    if (!window_->replayLog(log))
        fail(window_->lastError());
}

void ScreenshotDriver::showLogs(const QString& log, const QStringList& compare)
{
    if (!openTeachView())
        return;
    if (!window_->openLog(log))
        return fail(window_->lastError());
    for (const QString& other : compare)
        if (!window_->compareWith(other))
            return fail(window_->lastError());
    if (!layer_.isEmpty()) {
        const auto* results = qobject_cast<const LayerResultsModel*>(window_->dashboard()->layerTable());
        const auto& rows = results->layers();
        const auto row = std::find_if(rows.begin(), rows.end(),
                                      [&](const adaround::LayerFinished& f) { return QString::fromStdString(f.name) == layer_; });
        if (row == rows.end())
            return fail(tr("the run has no finished layer named %1").arg(layer_));
        window_->dashboard()->selectLayer(row->layer);
    }
    captureSoon();
}

void ScreenshotDriver::showAblation(const QString& resultJson)
{
    window_->showAblation();
    AblationWindow* ablation = window_->ablationWindow();
    target_ = ablation;
    if (!ablation->openResult(resultJson))
        return fail(ablation->statusText());
    ablation->resize(1100, 720);
    captureSoon();
}

void ScreenshotDriver::showTeachingView(const QString& name)
{
    target_ = teachmenu::openView(window_, name);
    if (!target_)
        return fail(tr("no teaching view named %1 (%2)").arg(name, teachmenu::viewNames()));
    if (target_->metaObject()->indexOfSlot("prepareScreenshot()") >= 0)
        QMetaObject::invokeMethod(target_, "prepareScreenshot");
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
    if (dock_ == QLatin1String("flips")) {
        // Teach > Who Flipped?, made now, with most of the window's width (the setup docks closed).
        window_->showFlipsView();
        auto* dock = window_->findChild<QDockWidget*>(QStringLiteral("teachFlipsDock"));
        for (QDockWidget* other : window_->findChildren<QDockWidget*>())
            if (other != dock)
                other->hide();
        window_->resizeDocks({dock}, {window_->width() * 7 / 10}, Qt::Horizontal);
        QCoreApplication::processEvents();
    } else if (!dock_.isEmpty()) {
        static const QMap<QString, QString> docks{{QStringLiteral("setup"), QStringLiteral("setupDock")},
                                                  {QStringLiteral("settings"), QStringLiteral("settingsDock")},
                                                  {QStringLiteral("runs"), QStringLiteral("runBrowserDock")},
                                                  {QStringLiteral("comparison"), QStringLiteral("comparisonDock")},
                                                  {QStringLiteral("relaxation"), QStringLiteral("relaxationDock")}};
        auto* dock = window_->findChild<QDockWidget*>(docks.value(dock_));
        if (!dock)
            return fail(tr("no dock named %1 (setup, settings, runs, comparison, flips, relaxation with --teach)").arg(dock_));
        dock->show();
        dock->raise();
        QCoreApplication::processEvents();
    }
    // Nothing waits on a dialog: one left open (none should be) is dismissed.
    while (QWidget* modal = QApplication::activeModalWidget()) {
        std::fprintf(stderr, "adaround-workbench: dismissed the dialog '%s'\n", qPrintable(modal->windowTitle()));
        modal->close();
        if (QApplication::activeModalWidget() == modal)
            break;
    }
    QWidget* shown = target_ ? target_ : window_;
    if (!shown->grab().save(file_, "PNG"))
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
