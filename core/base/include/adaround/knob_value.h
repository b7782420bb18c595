#pragma once
// A knob's value (knobs.h), apart from the table so the configuration can hold
// per-layer overrides of knobs without depending on the table.
#include <cstdint>
#include <map>
#include <string>
#include <variant>

namespace adaround {

// One alternative per type: Bool -> bool, Int -> int64_t, UInt64 -> uint64_t,
// Real -> double, Choice and Text -> std::string.
using KnobValue = std::variant<bool, int64_t, uint64_t, double, std::string>;

// One layer's overrides: knob key ("lambda") -> value.
using KnobOverrides = std::map<std::string, KnobValue>;

} // namespace adaround
