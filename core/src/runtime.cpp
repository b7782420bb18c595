#include "adaround/runtime.h"

#include "version_config.h"

#include <H5public.h>
#include <opencv2/core.hpp>
#include <torch/torch.h>
#include <torch/version.h>

#include <thread>

namespace adaround {

void setThreads(int threads)
{
    if (threads <= 0)
        threads = int(std::max(1u, std::thread::hardware_concurrency()));
    torch::set_num_threads(threads);
    cv::setNumThreads(threads);
}

int threads()
{
    return torch::get_num_threads();
}

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
