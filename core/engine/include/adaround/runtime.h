#pragma once
// Process-wide runtime settings of the engine.

namespace adaround {

// Uses THREADS compute threads (0 = all hardware threads), at most the
// hardware's count: more only adds contention (1000 threads on 2 cores ran
// 40x slower) and changes no result. Returns the count in use.
int setThreads(int threads);
int threads();
// The hardware's thread count (at least 1).
int hardwareThreads();

} // namespace adaround
