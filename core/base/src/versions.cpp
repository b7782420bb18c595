// Build-time versions, written into version_config.h by CMake so that no
// Torch or OpenCV header is needed to name them.
#include "adaround/versions.h"

#include "version_config.h"

namespace adaround {

std::string appVersion() { return ADAROUND_VERSION; }
std::string torchVersion() { return ADAROUND_TORCH_VERSION; }
std::string opencvVersion() { return ADAROUND_OPENCV_VERSION; }

} // namespace adaround
