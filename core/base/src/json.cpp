#include "adaround/json.h"

#include "adaround/error.h"

namespace adaround {

Json parseJson(const std::string& text)
{
    // The callback sees every value's depth before it is attached; stopping
    // there bounds the work and the depth of anything built later.
    const Json::parser_callback_t limitDepth = [](int depth, Json::parse_event_t, Json&) {
        if (depth > kJsonMaxDepth)
            throw Error("JSON nested deeper than " + std::to_string(kJsonMaxDepth) + " levels");
        return true;
    };
    try {
        return Json::parse(text, limitDepth, /*allow_exceptions=*/true, /*ignore_comments=*/false);
    } catch (const Json::parse_error& e) {
        // "[json.exception.parse_error.101] parse error at line 1, column 5: ..." -> the part after "parse error ".
        // It quotes the text it stopped at: cleaned, that may be anything.
        std::string what = e.what();
        const size_t at = what.find("at line");
        throw Error("JSON syntax error " + printable(at == std::string::npos ? what : what.substr(at), 300));
    } catch (const Json::exception& e) {
        // Valid syntax the parser cannot hold: a number beyond double's range (1e400).
        throw Error("JSON value out of range: " + printable(e.what(), 300));
    }
}

std::string dumpJson(const Json& value, int indent)
{
    return value.dump(indent, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace);
}

} // namespace adaround
