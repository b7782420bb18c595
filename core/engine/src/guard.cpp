#include "guard_p.h"

#include <cstring>

namespace adaround {

std::string firstLine(const std::string& text)
{
    size_t start = text.find_first_not_of(" \n\t");
    if (start == std::string::npos)
        return "unknown error";
    size_t end = text.find('\n', start);
    return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

std::string torchErrorSummary(const std::string& text)
{
    // TorchScript interpreter errors put a traceback first and the cause last.
    for (const char* marker : {"RuntimeError: ", "ValueError: ", "IndexError: ", "TypeError: "}) {
        const size_t at = text.rfind(marker);
        if (at != std::string::npos)
            return firstLine(text.substr(at + std::strlen(marker)));
    }
    return firstLine(text);
}

} // namespace adaround
