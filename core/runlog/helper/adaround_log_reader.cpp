// adaround-log-reader INPUT OUTPUT: the run-log sandbox helper. Parses a run
// log that could not be verified and writes a fresh, sealed copy to OUTPUT for
// the calling program (run_log_sandbox.cpp), which reads only that copy. If
// HDF5 crashes on a damaged INPUT, only this process ends. Exit 0: copy written;
// 1: a one-line reason on stderr. Not meant to be run by hand.
#include "adaround/error.h"
#include "adaround/file_io.h"
#include "run_log_parse_p.h"
#include "run_log_sandbox_p.h"
#include "run_log_seal_p.h"

#include <cstdlib>
#include <iostream>
#include <new>
#include <sys/resource.h>

namespace {

void limit(int resource, rlim_t value)
{
    rlimit r{value, value};
    ::setrlimit(resource, &r);
}

// The verdict on one line, marked with the helper's name (the parent looks for
// that line, not just the last one): text from the damaged file (an unknown
// status, a layer name) may hold line breaks or terminal control characters.
// Then out at once: after a damaged file HDF5's exit handlers may print
// ("HDF5: infinite loop closing library" and a dump of its state) or spin.
[[noreturn]] void fail(const std::string& message)
{
    std::cerr << adaround::kRunLogHelperName << ": " << adaround::printable(message) << std::endl;
    std::_Exit(1);
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::cerr << "usage: adaround-log-reader INPUT OUTPUT (the run-log sandbox helper)\n";
        return 2;
    }
    const std::string path = argv[1];
    // No core dumps of a crash on a damaged file; bounded memory and time.
    limit(RLIMIT_CORE, 0);
#if !defined(__SANITIZE_ADDRESS__) // AddressSanitizer reserves terabytes of address space
    limit(RLIMIT_AS, rlim_t(16) << 30);
#endif
    limit(RLIMIT_CPU, adaround::kRunLogHelperSeconds);
    try {
        const std::string bytes = adaround::readTextFile(path, adaround::kMaxRunLogBytes, "run log");
        const adaround::RunLog log = adaround::parseRunLog(bytes, path);
        adaround::writeRunLogCopy(log, argv[2]);
        return 0;
    } catch (const adaround::Error& e) {
        fail(e.what());
    } catch (const std::bad_alloc&) {
        fail(path + ": damaged run log: its sizes do not fit in memory");
    } catch (const std::exception& e) {
        fail(path + ": damaged run log: " + e.what());
    }
}
