#pragma once
// Cancel and pause a run from another thread; the engine checks every step.
#include <atomic>
#include <chrono>
#include <thread>

namespace adaround {

class RunControl {
public:
    void cancel() { cancelled_.store(true); }
    void setPaused(bool paused) { paused_.store(paused); }
    bool cancelled() const { return cancelled_.load(); }
    bool paused() const { return paused_.load(); }

    // Blocks while paused; returns false if the run was cancelled.
    bool checkpoint() const
    {
        while (paused_.load() && !cancelled_.load())
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        return !cancelled_.load();
    }

private:
    std::atomic<bool> cancelled_{false};
    std::atomic<bool> paused_{false};
};

} // namespace adaround
