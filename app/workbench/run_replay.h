#pragma once
// Replays a stored run as if it were live: its events, in the order the run
// sent them (adaround::replay), on a timer, at a chosen speed: a multiple of
// the run's own pace (each layer's iterations at the speed the log measured)
// or the whole run in N seconds. Receivers get the same signal as from a live
// run's RunEventBridge, so the dashboard and the teaching views need nothing
// else. Events are handed out in slices per timer tick (bounded), so the GUI
// never freezes however fast the replay goes.
#include "adaround/run_record.h"
#include "run_event_types.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <vector>

class RunReplay : public QObject {
    Q_OBJECT
public:
    struct Speed {
        enum Kind { TimesOriginal, WholeRunIn };
        Kind kind = WholeRunIn;
        double value = 30; // the factor (TimesOriginal) or the seconds (WholeRunIn)
        bool operator==(const Speed& o) const { return kind == o.kind && value == o.value; }
    };
    static QList<Speed> presets(); // 1×, 10×, 100×, whole run in 10 s ... 2 min
    static Speed defaultSpeed() { return {Speed::WholeRunIn, 30}; }
    static QString describe(const Speed& speed); // "10× the run's pace", "whole run in 30 s"

    explicit RunReplay(QObject* parent = nullptr);

    // Starts replaying RECORD (a replay going is stopped first, without ended()).
    void start(const adaround::RunRecord& record, const Speed& speed = defaultSpeed());
    void setSpeed(const Speed& speed); // also while replaying: the position is kept
    Speed speed() const { return speed_; }
    void setPaused(bool paused);
    void stop(); // ends the replay where it is: ended(false)

    bool isActive() const { return active_; }
    bool isPaused() const { return paused_; }
    int eventCount() const { return int(events_.size()); }
    int delivered() const { return int(next_); }
    double fraction() const;        // of the run's time replayed, 0..1
    double runSeconds() const;      // the run's own time (its optimisation, layer by layer)
    double replaySeconds() const;   // the whole replay at the current speed

    // Moves the replay's clock by SECONDS of wall time and sends what is due
    // (at most a tick's share). The timer calls it; tests drive it directly.
    void advance(double seconds);

signals:
    void runEvent(const SharedRunEvent& e);
    void progressed(double fraction);
    void ended(bool completed); // completed: every event was sent; else stopped

private:
    void tick();
    double rate() const; // run seconds per wall second

    std::vector<SharedRunEvent> events_;
    std::vector<double> at_; // each event's time in the run (seconds from its start)
    size_t next_ = 0;
    double clock_ = 0; // run time reached
    Speed speed_ = defaultSpeed();
    QTimer timer_;
    QElapsedTimer wall_;
    bool active_ = false;
    bool paused_ = false;
};
