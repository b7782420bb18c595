#include "guard_p.h"

namespace adaround {

std::string firstLine(const std::string& text)
{
    size_t start = text.find_first_not_of(" \n\t");
    if (start == std::string::npos)
        return "unknown error";
    size_t end = text.find('\n', start);
    return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

} // namespace adaround
