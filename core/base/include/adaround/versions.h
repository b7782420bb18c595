#pragma once
// The versions this build was made with (the HDF5 library's own version, read at
// run time, is hdf5Version() in run_log.h).
#include <string>

namespace adaround {

std::string appVersion();
std::string torchVersion();  // the LibTorch the engine was built against
std::string opencvVersion(); // the OpenCV the engine was built against

} // namespace adaround
