#pragma once
// Cancel and pause a run from another thread; the engine checks every step.
#include <atomic>
#include <chrono>
#include <cstdint>
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
        if (paused_.load() && !cancelled_.load()) {
            const auto held = std::chrono::steady_clock::now();
            while (paused_.load() && !cancelled_.load())
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            pausedNs_ += std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - held)
                             .count();
        }
        return !cancelled_.load();
    }

    // Seconds the run has been held in checkpoint() so far: timings subtract
    // the growth of this over their span, so a pause is not counted as work.
    double pausedSeconds() const { return double(pausedNs_.load()) * 1e-9; }

private:
    std::atomic<bool> cancelled_{false};
    std::atomic<bool> paused_{false};
    mutable std::atomic<int64_t> pausedNs_{0}; // grows only in checkpoint(), on the run's thread
};

} // namespace adaround
