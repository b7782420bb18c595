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

// TEXT from a file (a JSON key, a zip entry name, a library's message) made fit
// for a one-line message: control characters (line breaks, terminal escapes)
// become '?', and beyond MAX bytes it is cut with "...".
inline std::string printable(const std::string& text, size_t max = std::string::npos)
{
    std::string out = text.size() > max ? text.substr(0, max) + "..." : text;
    for (char& c : out)
        if ((unsigned char)c < 0x20 || c == 0x7f)
            c = '?';
    return out;
}

} // namespace adaround
