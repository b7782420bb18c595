#pragma once
// Progress of a long operation, reported through a callback.
#include <cstdint>
#include <functional>
#include <string>

namespace adaround {

struct Progress {
    std::string stage; // e.g. "loading eval images", "evaluating RTN"
    int64_t done = 0;
    int64_t total = 0;
};

using ProgressFn = std::function<void(const Progress&)>;

} // namespace adaround
