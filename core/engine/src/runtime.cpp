#include "adaround/runtime.h"

#include <opencv2/core.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <thread>

namespace adaround {

int hardwareThreads()
{
    return int(std::max(1u, std::thread::hardware_concurrency()));
}

int setThreads(int threads)
{
    if (threads <= 0 || threads > hardwareThreads())
        threads = hardwareThreads();
    torch::set_num_threads(threads);
    cv::setNumThreads(threads);
    return threads;
}

int threads()
{
    return torch::get_num_threads();
}

} // namespace adaround
