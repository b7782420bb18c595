// The version strings of runtime.h. Only macro headers are included here, so the
// Torch-free run-log library can name the versions it was built with.
#include "adaround/runtime.h"

#include "version_config.h"

#include <H5public.h>
#include <opencv2/core/version.hpp>
#include <torch/version.h>

namespace adaround {

std::string appVersion() { return ADAROUND_VERSION; }
std::string torchVersion() { return TORCH_VERSION; }
std::string opencvVersion() { return CV_VERSION; }

std::string hdf5Version()
{
    unsigned major = 0, minor = 0, release = 0;
    H5get_libversion(&major, &minor, &release);
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(release);
}

} // namespace adaround
