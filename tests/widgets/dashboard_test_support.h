#pragma once
// For the dashboard's tests: a real short AdaRound run on the demo CNN, recorded,
// the dashboard's slots called as the window's event bridge calls them, its
// views by name, and mouse input.
#include "run_dashboard.h"

#include "adaround/adaround_run.h"
#include "adaround/run_record.h"

#include <QtTest>

#include <cmath>
#include <vector>

namespace dashboardtest {

using namespace adaround;

// Calls the dashboard's slot as the window's event bridge does.
inline auto slotOf(RunDashboard& d)
{
    return CallbackObserver([&d](const RunEvent& e) { d.onRunEvent(e); });
}

constexpr int kIterations = 200;
constexpr int kHistogramInterval = 50;
constexpr int kBins = 20;

// CONFIG run to the end and recorded; a run that does not complete ends the test program.
inline RunRecord recordedRun(const AdaRoundConfig& config)
{
    RunRecorder recorder;
    RunControl control;
    const RunResult result = AdaRoundRun(config).run(recorder, control);
    if (result.end != RunEnd::Completed)
        qFatal("demo run failed: %s", result.error.c_str());
    return recorder.take();
}

inline RunRecord realRun(double lambda)
{
    AdaRoundConfig c;
    c.modelPath = ADAROUND_TEST_MODELS_DIR "/fmnist_cnn.pt";
    c.calibDir = ADAROUND_TEST_DEMO_DIR "/calib";
    c.evalDir = ADAROUND_TEST_SMALL_DEMO_DIR "/eval"; // 300 images: real, and quick
    c.bits = {3, 8, {}};
    c.calibSize = 256;
    c.iterations = kIterations;
    c.statsInterval = 10;
    c.histogramInterval = kHistogramInterval;
    c.histogramBins = kBins;
    c.evalSubset = 200;
    c.threads = 2;
    c.lambda = lambda;
    c.rtnOnlyLayers = {"conv2"};
    return recordedRun(c);
}

inline bool sameValue(double shown, double event)
{
    if (!(event > 0)) // the log axis shows a gap, not a value
        return std::isnan(shown);
    return shown == event;
}

inline std::vector<double> shares(const HistogramSnapshot& s)
{
    int64_t total = 0;
    for (int64_t c : s.counts)
        total += c;
    std::vector<double> out;
    for (int64_t c : s.counts)
        out.push_back(double(c) / double(total));
    return out;
}

// A view of the dashboard by its name, as its type.
template <class T>
T* view(RunDashboard& d, const char* name)
{
    T* v = qobject_cast<T*>(d.plot(QString::fromLatin1(name)));
    if (!v)
        qFatal("no view %s", name);
    return v;
}

// Shown at a size and drawn, so pixel positions are real.
inline void showAndDraw(QWidget& w, QSize size)
{
    w.resize(size);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QCoreApplication::processEvents();
}

// Mouse input sent straight to a widget, at widget coordinates.
inline void moveTo(QWidget* w, QPointF at)
{
    QMouseEvent move(QEvent::MouseMove, at, w->mapToGlobal(at), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QCoreApplication::sendEvent(w, &move);
}

inline void click(QWidget* w, QPointF at)
{
    QMouseEvent press(QEvent::MouseButtonPress, at, w->mapToGlobal(at), Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(w, &press);
    QMouseEvent release(QEvent::MouseButtonRelease, at, w->mapToGlobal(at), Qt::LeftButton, Qt::NoButton,
                        Qt::NoModifier);
    QCoreApplication::sendEvent(w, &release);
}

inline void doubleClick(QWidget* w, QPointF at)
{
    click(w, at);
    QMouseEvent dbl(QEvent::MouseButtonDblClick, at, w->mapToGlobal(at), Qt::LeftButton, Qt::LeftButton,
                    Qt::NoModifier);
    QCoreApplication::sendEvent(w, &dbl);
    QMouseEvent release(QEvent::MouseButtonRelease, at, w->mapToGlobal(at), Qt::LeftButton, Qt::NoButton,
                        Qt::NoModifier);
    QCoreApplication::sendEvent(w, &release);
}

inline void wheel(QWidget* w, QPointF at, int steps)
{
    QWheelEvent e(at, w->mapToGlobal(at), QPoint(), QPoint(0, 120 * steps), Qt::NoButton, Qt::NoModifier,
                  Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(w, &e);
}

} // namespace dashboardtest
