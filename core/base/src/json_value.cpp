#include "adaround/json_value.h"

#include "adaround/error.h"

#include <cmath>
#include <cstdlib>

namespace adaround {

class JsonParser {
public:
    explicit JsonParser(const std::string& text) : s_(text) {}

    JsonValue document()
    {
        JsonValue v = value();
        skipSpace();
        if (pos_ != s_.size())
            fail("unexpected text after the document");
        return v;
    }

private:
    [[noreturn]] void fail(const std::string& what) const
    {
        int line = 1, column = 1;
        for (size_t i = 0; i < pos_ && i < s_.size(); ++i) {
            if (s_[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        throw Error("JSON syntax error at line " + std::to_string(line) + ", column " + std::to_string(column) +
                    ": " + what);
    }

    void skipSpace()
    {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\r' || s_[pos_] == '\t'))
            ++pos_;
    }

    bool consume(const char* word)
    {
        const size_t n = std::char_traits<char>::length(word);
        if (s_.compare(pos_, n, word) != 0)
            return false;
        pos_ += n;
        return true;
    }

    JsonValue value()
    {
        skipSpace();
        if (pos_ >= s_.size())
            fail("unexpected end of input");
        JsonValue v;
        const char c = s_[pos_];
        if (c == '{') {
            v.type_ = JsonValue::Type::Object;
            ++pos_;
            skipSpace();
            if (pos_ < s_.size() && s_[pos_] == '}') {
                ++pos_;
                return v;
            }
            while (true) {
                skipSpace();
                if (pos_ >= s_.size() || s_[pos_] != '"')
                    fail("expected a quoted key");
                std::string key = string();
                skipSpace();
                if (pos_ >= s_.size() || s_[pos_++] != ':')
                    fail("expected ':' after key \"" + key + "\"");
                v.object_[key] = value();
                skipSpace();
                if (pos_ < s_.size() && s_[pos_] == ',') {
                    ++pos_;
                    continue;
                }
                if (pos_ < s_.size() && s_[pos_] == '}') {
                    ++pos_;
                    return v;
                }
                fail("expected ',' or '}'");
            }
        }
        if (c == '[') {
            v.type_ = JsonValue::Type::Array;
            ++pos_;
            skipSpace();
            if (pos_ < s_.size() && s_[pos_] == ']') {
                ++pos_;
                return v;
            }
            while (true) {
                v.array_.push_back(value());
                skipSpace();
                if (pos_ < s_.size() && s_[pos_] == ',') {
                    ++pos_;
                    continue;
                }
                if (pos_ < s_.size() && s_[pos_] == ']') {
                    ++pos_;
                    return v;
                }
                fail("expected ',' or ']'");
            }
        }
        if (c == '"') {
            v.type_ = JsonValue::Type::String;
            v.string_ = string();
            return v;
        }
        if (consume("true") || consume("false")) {
            v.type_ = JsonValue::Type::Bool;
            v.bool_ = c == 't';
            return v;
        }
        if (consume("null"))
            return v;
        const char* start = s_.c_str() + pos_;
        char* end = nullptr;
        const double d = std::strtod(start, &end);
        if (end == start)
            fail("unexpected character '" + std::string(1, c) + "'");
        pos_ += size_t(end - start);
        v.type_ = JsonValue::Type::Number;
        v.number_ = d;
        return v;
    }

    std::string string()
    {
        ++pos_; // opening quote
        std::string out;
        while (pos_ < s_.size() && s_[pos_] != '"') {
            char c = s_[pos_++];
            if (c == '\\') {
                if (pos_ >= s_.size())
                    break;
                const char e = s_[pos_++];
                switch (e) {
                case 'n': out += '\n'; break;
                case 't': out += '\t'; break;
                case 'r': out += '\r'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'u': {
                    if (pos_ + 4 > s_.size())
                        fail("bad \\u escape");
                    const unsigned code = unsigned(std::strtoul(s_.substr(pos_, 4).c_str(), nullptr, 16));
                    pos_ += 4;
                    if (code < 0x80) {
                        out += char(code);
                    } else if (code < 0x800) {
                        out += char(0xC0 | (code >> 6));
                        out += char(0x80 | (code & 0x3F));
                    } else {
                        out += char(0xE0 | (code >> 12));
                        out += char(0x80 | ((code >> 6) & 0x3F));
                        out += char(0x80 | (code & 0x3F));
                    }
                    break;
                }
                default: out += e;
                }
            } else {
                out += c;
            }
        }
        if (pos_ >= s_.size())
            fail("unterminated string");
        ++pos_; // closing quote
        return out;
    }

    const std::string& s_;
    size_t pos_ = 0;
};

JsonValue JsonValue::parse(const std::string& text)
{
    return JsonParser(text).document();
}

namespace {
[[noreturn]] void wrongType(const std::string& what, const char* expected)
{
    throw Error(what + " must be " + expected);
}
} // namespace

bool JsonValue::asBool(const std::string& what) const
{
    if (type_ != Type::Bool)
        wrongType(what, "true or false");
    return bool_;
}

double JsonValue::asNumber(const std::string& what) const
{
    if (type_ != Type::Number)
        wrongType(what, "a number");
    return number_;
}

int JsonValue::asInt(const std::string& what) const
{
    const double d = asNumber(what);
    if (d != std::floor(d) || std::fabs(d) > 2e9)
        wrongType(what, "a whole number");
    return int(d);
}

const std::string& JsonValue::asString(const std::string& what) const
{
    if (type_ != Type::String)
        wrongType(what, "a string");
    return string_;
}

const std::vector<JsonValue>& JsonValue::asArray(const std::string& what) const
{
    if (type_ != Type::Array)
        wrongType(what, "an array");
    return array_;
}

const std::map<std::string, JsonValue>& JsonValue::asObject(const std::string& what) const
{
    if (type_ != Type::Object)
        wrongType(what, "an object");
    return object_;
}

} // namespace adaround
