#pragma once
// Process-wide runtime settings of the engine.

namespace adaround {

void setThreads(int threads); // 0 = all hardware threads
int threads();

} // namespace adaround
