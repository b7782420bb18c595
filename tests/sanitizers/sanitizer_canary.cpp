// sanitizer_canary heap|ub|leak|ok: one deliberate error of each kind the
// sanitized build must catch (check_sanitizers.py runs it). Built only with
// ADAROUND_SANITIZE.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>

int main(int argc, char** argv)
{
    const char* what = argc > 1 ? argv[1] : "ok";
    if (!std::strcmp(what, "heap")) {
        char* volatile p = static_cast<char*>(std::malloc(8));
        std::free(p);
        return p[0]; // use after free: AddressSanitizer's alone (UBSan sees out-of-bounds stores too)
    } else if (!std::strcmp(what, "ub")) {
        volatile int big = std::numeric_limits<int>::max();
        std::printf("%d\n", big + argc); // signed overflow
    } else if (!std::strcmp(what, "leak")) {
        void* volatile p = std::malloc(4096);
        p = nullptr;
        (void)p;
    }
    return 0;
}
