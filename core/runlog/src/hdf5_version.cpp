#include "adaround/run_log.h"

#include <H5public.h>

namespace adaround {

std::string hdf5Version()
{
    unsigned major = 0, minor = 0, release = 0;
    H5get_libversion(&major, &minor, &release);
    return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(release);
}

} // namespace adaround
