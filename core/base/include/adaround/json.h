#pragma once
// JSON for the whole project: nlohmann-json with keys kept in insertion order,
// parsed strictly (RFC 8259: no NaN, hex, leading zeros or '+'), locale-
// independently, with exact 64-bit integers and a nesting limit so that a
// hostile file is an error instead of a stack overflow.
#include <nlohmann/json.hpp>

#include <string>

namespace adaround {

using Json = nlohmann::ordered_json;

inline constexpr int kJsonMaxDepth = 64;

// Throws Error: "JSON syntax error at line 3, column 12: ..." or "JSON nested
// deeper than 64 levels". A UTF-8 byte-order mark is skipped.
Json parseJson(const std::string& text);

// Compact (indent < 0) or indented text; invalid UTF-8 in strings is replaced
// (U+FFFD), never thrown, so output is always valid JSON.
std::string dumpJson(const Json& value, int indent = -1);

} // namespace adaround
