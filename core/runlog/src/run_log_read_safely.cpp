// readRunLog: reads the file once, checks its integrity header, and decides
// where HDF5 may parse it: in-process only when the checksum matches; in the
// sandbox helper otherwise, where a crash of the library cannot take the
// program down (run_log_sandbox.cpp).
#include "adaround/run_log.h"

#include "adaround/error.h"
#include "adaround/file_io.h"
#include "run_log_parse_p.h"
#include "run_log_sandbox_p.h"
#include "run_log_seal_p.h"

#include <filesystem>

namespace adaround {

RunLog readRunLog(const std::string& path, const RunLogReadOptions& options)
{
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec); // stat() only: never opens a FIFO
    if (!std::filesystem::exists(status))
        throw Error(path + ": no such file");
    if (std::filesystem::is_directory(status))
        throw Error(path + ": a folder, not a run log");
    // Regular files only (O_NONBLOCK, fstat), bounded: the bytes checked are the bytes parsed.
    const std::string bytes = readTextFile(path, kMaxRunLogBytes, "run log");
    const SealCheck seal = checkRunLogSeal(bytes);
    switch (seal.state) {
    case SealState::Verified: {
        RunLog log = parseRunLog(bytes, path);
        log.info.integrity = "verified";
        return log;
    }
    case SealState::Truncated:
    case SealState::Damaged:
        if (!options.openDamaged)
            throw RunLogDamaged(path + ": damaged run log: " + seal.problem);
        break;
    case SealState::Unsealed:
        if (!hasHdf5Signature(bytes))
            throw Error(path + ": not an HDF5 file (no HDF5 signature); not a run log");
        break;
    }
    RunLog log = parseRunLogInSandbox(path);
    log.info.integrity = seal.state == SealState::Unsealed ? "unsealed" : seal.problem;
    return log;
}

} // namespace adaround
