#pragma once
// Process-wide runtime settings and version strings.
#include <string>

namespace adaround {

void setThreads(int threads); // 0 = all hardware threads
int threads();

std::string appVersion();
std::string torchVersion();
std::string opencvVersion();
std::string hdf5Version();

} // namespace adaround
