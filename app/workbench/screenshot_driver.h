#pragma once
// Drives the window for --screenshot: opens the demo and runs it (or shows
// stored runs), writes a PNG of the whole window at the right moment and ends
// the event loop with 0, or non-zero and a message on stderr.
#include <QObject>
#include <QString>

class MainWindow;
class QWidget;

class ScreenshotDriver : public QObject {
    Q_OBJECT
public:
    ScreenshotDriver(MainWindow* window, const QString& file, QObject* parent = nullptr);

    // Opens the demo, runs it with the fast-preview preset (then the settings in
    // CONFIG_FILE, if given) and takes the screenshot once AFTER_ITERATIONS
    // iterations have run, or at the run's end.
    void runDemo(int afterIterations, const QString& configFile = {});
    // Opens the demo, runs Run > Per-Layer Sensitivity and Plan for AVERAGE_BITS
    // per weight, applies the plan and takes the screenshot (the layer table's bars).
    void showSensitivity(double averageBits);
    // Opens the demo (at the Teaching preset) and takes the screenshot once its
    // FP32 / round-to-nearest baseline is evaluated: the damage before any run.
    void showBaseline();
    // Opens the demo, then Run > Layer Lab on LAYER: captures its inputs, runs
    // three attempts (the setup's knobs, lambda x 10, a cosine beta decay) and
    // takes the screenshot of the lab's window.
    void showLayerLab(const QString& layer);
    // Opens the sweep folder DIR in the sweep view (given most of the window),
    // shows PLOT ("knob", "heatmap", "parallel") and takes the screenshot once
    // the points are read.
    void showSweep(const QString& dir, const QString& plot);
    // Opens an ablation's results (adaround-cli ablate --json) in Run > Design-Choice
    // Ablation and takes the screenshot of that window.
    void showAblation(const QString& resultJson);
    // Shows a stored run, overlays COMPARE on it, and takes the screenshot.
    void showLogs(const QString& log, const QStringList& compare);
    // Opens the teaching view NAME (Teach menu, teach_menu.h), lets it prepare
    // (its slot prepareScreenshot(), if it has one) and takes the screenshot of
    // its window.
    void showTeachingView(const QString& name);
    // Replays a stored run (the whole run in SECONDS) and takes the screenshot,
    // paused, once AT_FRACTION of it (0..1) has been replayed.
    void replayLog(const QString& log, double atFraction, double seconds);
    // Before the picture: show LAYER (its name) in the h(V) views, and bring
    // the dock DOCK ("setup", "settings", "runs", "comparison") to the front.
    void setLayer(const QString& layer) { layer_ = layer; }
    void setDock(const QString& dock) { dock_ = dock; }
    // A teaching view ("relaxation") to open first, so it follows what is shown.
    void setTeachView(const QString& view) { teach_ = view; }
    // Takes the screenshot once the window has shown what it was given.
    void captureSoon();

private:
    void capture();
    void fail(const QString& message);
    bool openTeachView();

    MainWindow* window_;
    QString file_;
    int afterIterations_ = 0;
    bool triggered_ = false;
    QString layer_, dock_, teach_;
    QWidget* target_ = nullptr; // the window grabbed; null: the main window
};
