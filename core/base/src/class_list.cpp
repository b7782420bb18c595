#include "adaround/class_list.h"

#include "adaround/error.h"
#include "adaround/file_io.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

namespace adaround {
namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

// Valid UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
bool validUtf8(const std::string& s)
{
    size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        size_t len = 0;
        uint32_t cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + len > s.size())
            return false;
        for (size_t k = 1; k < len; ++k) {
            const auto d = static_cast<unsigned char>(s[i + k]);
            if ((d & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (d & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

bool hasControl(const std::string& s)
{
    for (char c : s)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
            return true;
    return false;
}

std::string joinIndices(const std::vector<std::string>& names, const std::vector<int>& indices)
{
    std::string out;
    const size_t shown = std::min<size_t>(indices.size(), 12);
    for (size_t i = 0; i < shown; ++i) {
        const int k = indices[i];
        out += (i ? ", " : "") + std::to_string(k) + " " +
               (k >= 0 && size_t(k) < names.size() ? names[size_t(k)] : std::string("?"));
    }
    if (indices.size() > shown)
        out += ", ... (" + std::to_string(indices.size() - shown) + " more)";
    return out;
}

} // namespace

std::vector<std::string> parseClassList(const std::string& text, const std::string& name)
{
    std::vector<std::string> names;
    std::unordered_map<std::string, size_t> firstLine;
    size_t pos = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    for (size_t line = 1; pos <= text.size(); ++line) {
        size_t end = text.find('\n', pos);
        if (end == std::string::npos)
            end = text.size();
        size_t a = pos, b = end;
        while (a < b && isSpace(text[a]))
            ++a;
        while (b > a && isSpace(text[b - 1]))
            --b;
        pos = end + 1;
        if (a == b)
            continue; // blank line
        std::string item = text.substr(a, b - a);
        const std::string where = name + ":" + std::to_string(line) + ": ";
        if (!validUtf8(item))
            throw Error(where + "not valid UTF-8 (a class list is UTF-8 text, one class name per line)");
        if (hasControl(item))
            throw Error(where + "a control character in a class name (a class list is text, one name per line)");
        const auto [it, fresh] = firstLine.emplace(item, line);
        if (!fresh)
            throw Error(where + "class '" + item + "' again (first on line " + std::to_string(it->second) +
                        "); each class is named once, in the model's output order");
        names.push_back(std::move(item));
    }
    if (names.empty())
        throw Error(name + ": no class names (expected one class name per line, in the model's output order)");
    return names;
}

std::vector<std::string> readClassListFile(const std::string& path)
{
    return parseClassList(readTextFile(path, kMaxClassListBytes, "class list"), path);
}

void checkClassNames(const std::vector<std::string>& names, const std::string& what)
{
    std::unordered_map<std::string, size_t> seen;
    for (size_t i = 0; i < names.size(); ++i) {
        if (names[i].empty())
            throw Error(what + ": class " + std::to_string(i) + " has an empty name");
        const auto [it, fresh] = seen.emplace(names[i], i);
        if (!fresh)
            throw Error(what + ": class '" + printable(names[i], 100) + "' appears twice (classes " +
                        std::to_string(it->second) + " and " + std::to_string(i) + ")");
    }
}

std::string describeClassMapping(const ClassMapping& m)
{
    if (m.names.empty())
        return "not recorded";
    const std::string from = m.source == kClassSourceList          ? "from the class list"
                             : m.source == kClassSourceCalibration ? "from the calibration folder"
                                                                   : "from the folder's subfolders";
    std::string out = std::to_string(m.names.size()) + " classes (" + from + ")";
    auto part = [&](const char* folder, const std::vector<int>& held) {
        if (held.empty())
            return;
        out += std::string("; ") + folder + ": ";
        if (held.size() == m.names.size())
            out += "all " + std::to_string(held.size());
        else
            out += std::to_string(held.size()) + " of them (" + joinIndices(m.names, held) + ")";
    };
    part("calibration folder", m.calibClasses);
    part("eval folder", m.evalClasses);
    return out;
}

} // namespace adaround
