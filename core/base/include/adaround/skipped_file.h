#pragma once
// An input file left out of a run, and why (unreadable, not an image, oversized).
#include <string>

namespace adaround {

struct SkippedFile {
    std::string path;
    std::string reason;

    std::string describe() const { return path + ": " + reason; }
};

} // namespace adaround
