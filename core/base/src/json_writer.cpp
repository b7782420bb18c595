#include "adaround/json_writer.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace adaround {

void JsonWriter::separate()
{
    if (afterKey_) {
        afterKey_ = false;
        return;
    }
    if (!hasItems_.empty()) {
        if (hasItems_.back())
            out_ += ',';
        hasItems_.back() = true;
    }
}

JsonWriter& JsonWriter::beginObject()
{
    separate();
    out_ += '{';
    hasItems_.push_back(false);
    return *this;
}

JsonWriter& JsonWriter::endObject()
{
    out_ += '}';
    hasItems_.pop_back();
    return *this;
}

JsonWriter& JsonWriter::beginArray()
{
    separate();
    out_ += '[';
    hasItems_.push_back(false);
    return *this;
}

JsonWriter& JsonWriter::endArray()
{
    out_ += ']';
    hasItems_.pop_back();
    return *this;
}

JsonWriter& JsonWriter::key(const std::string& name)
{
    separate();
    out_ += escape(name);
    out_ += ':';
    afterKey_ = true;
    return *this;
}

JsonWriter& JsonWriter::value(const std::string& s)
{
    separate();
    out_ += escape(s);
    return *this;
}

JsonWriter& JsonWriter::value(double d)
{
    if (!std::isfinite(d))
        return null();
    separate();
    char buf[32];
    auto res = std::to_chars(buf, buf + sizeof buf, d); // shortest round-trip form
    out_.append(buf, res.ptr);
    return *this;
}

JsonWriter& JsonWriter::value(int64_t i)
{
    separate();
    out_ += std::to_string(i);
    return *this;
}

JsonWriter& JsonWriter::value(bool b)
{
    separate();
    out_ += b ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::null()
{
    separate();
    out_ += "null";
    return *this;
}

JsonWriter& JsonWriter::raw(const std::string& json)
{
    separate();
    out_ += json;
    return *this;
}

std::string JsonWriter::escape(const std::string& s)
{
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += char(c);
            }
        }
    }
    return out + "\"";
}

} // namespace adaround
