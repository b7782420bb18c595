#pragma once
// What a fuzz target asserts beyond "does not crash": a broken invariant
// aborts, which libFuzzer records as a crash and the replay test as a failure.
#include <cstdio>
#include <cstdlib>
#include <string>

#define FUZZ_CHECK(cond)                                                                   \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            std::fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
            std::abort();                                                                  \
        }                                                                                  \
    } while (0)

namespace fuzz {

// Users see one-line messages: no line breaks or terminal control characters.
inline bool isOneLine(const std::string& s)
{
    for (const char c : s)
        if ((unsigned char)c < 0x20 || c == 0x7f)
            return false;
    return !s.empty();
}

} // namespace fuzz

// Fails unless MESSAGE is one non-empty line; prints it (cleaned) if not.
#define FUZZ_CHECK_ONE_LINE(message)                                                       \
    do {                                                                                   \
        const std::string fuzzMessage_ = (message);                                        \
        if (!fuzz::isOneLine(fuzzMessage_)) {                                              \
            std::string shown_ = fuzzMessage_;                                             \
            for (char& c : shown_)                                                         \
                if ((unsigned char)c < 0x20 || c == 0x7f)                                  \
                    c = '~';                                                               \
            std::fprintf(stderr, "not one line (control characters as ~): %s\n", shown_.c_str()); \
        }                                                                                  \
        FUZZ_CHECK(fuzz::isOneLine(fuzzMessage_));                                         \
    } while (0)
