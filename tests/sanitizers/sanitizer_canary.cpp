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
        char* p = static_cast<char*>(std::malloc(8));
        volatile int i = 8;
        p[i] = 1; // one past the end
        std::free(p);
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
