#pragma once
// The one exception type that leaves core/. Every LibTorch, OpenCV or system
// error is translated into it at core's edge, with a message a user can act on.
#include <stdexcept>
#include <string>

namespace adaround {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

} // namespace adaround
