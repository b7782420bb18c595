// The HDF5 side of reading a run log, in-process: parseRunLog on any bytes, as
// the sandbox helper runs it on a log it cannot verify. What it accepts goes
// through the rest of the sandbox protocol: the helper's sealed copy
// (writeRunLogCopy), which the parent verifies and parses again, and which
// must hold the same run. Crashes inside libhdf5 are the library's (the
// sandbox contains them); scripts/fuzz.sh sorts crashes by the faulting frame.
#include "fuzz_check.h"
#include "run_log_parse_p.h"
#include "run_log_sandbox_p.h"
#include "run_log_seal_p.h"

#include "adaround/error.h"
#include "adaround/file_io.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <unistd.h>

using namespace adaround;

namespace {

// A private folder for the copies, removed at exit.
struct CopyFolder {
    std::string path;
    CopyFolder()
    {
        std::string pattern = (std::filesystem::temp_directory_path() / "adaround-fuzz-XXXXXX").string();
        FUZZ_CHECK(::mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~CopyFolder()
    {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    RunLog log;
    try {
        log = parseRunLog(bytes, "fuzz.h5");
    } catch (const Error& e) {
        FUZZ_CHECK_ONE_LINE(e.what());
        return 0;
    }
    static CopyFolder folder;
    const std::string copy = folder.path + "/copy.h5";
    std::filesystem::remove(copy);
    try {
        writeRunLogCopy(log, copy);
    } catch (const Error& e) {
        FUZZ_CHECK_ONE_LINE(e.what()); // e.g. a record the writer refuses
        return 0;
    }
    const std::string sealed = readTextFile(copy, kMaxRunLogBytes, "run log copy");
    FUZZ_CHECK(checkRunLogSeal(sealed).state == SealState::Verified);
    const RunLog back = parseRunLog(sealed, "fuzz.h5");
    FUZZ_CHECK(back.info.status == log.info.status);
    FUZZ_CHECK(back.record.started.layers.size() == log.record.started.layers.size());
    FUZZ_CHECK(back.record.iterations.size() == log.record.iterations.size());
    FUZZ_CHECK(back.record.layers.size() == log.record.layers.size());
    FUZZ_CHECK(back.record.weights.size() == log.record.weights.size());
    return 0;
}
