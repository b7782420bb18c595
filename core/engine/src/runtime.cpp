#include "adaround/runtime.h"

#include <opencv2/core.hpp>
#include <torch/torch.h>

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

} // namespace adaround
