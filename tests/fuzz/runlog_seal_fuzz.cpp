// The run log's integrity header and the sandbox protocol's verdict: what the
// reader decides from a file's first 512 bytes before HDF5 sees any of it, and
// how the parent reads a failed helper's exit status and stderr.
#include "fuzz_check.h"
#include "run_log_sandbox_p.h"
#include "run_log_seal_p.h"

#include <cstdint>
#include <string>
#include <sys/wait.h>

using namespace adaround;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string bytes(reinterpret_cast<const char*>(data), size);

    const SealCheck seal = checkRunLogSeal(bytes);
    const bool quiet = seal.state == SealState::Verified || seal.state == SealState::Unsealed;
    FUZZ_CHECK(quiet == seal.problem.empty());
    FUZZ_CHECK(quiet || fuzz::isOneLine(seal.problem));
    hasHdf5Signature(bytes);

    // The writer's side: whatever follows the header, sealing it makes it verify,
    // and one changed byte after the header makes it fail.
    if (size >= kRunLogUserBlock) {
        std::string sealed = bytes;
        sealRunLogImage(sealed.data(), sealed.size(), 1);
        FUZZ_CHECK(checkRunLogSeal(sealed).state == SealState::Verified);
        if (size > kRunLogUserBlock) {
            sealed[kRunLogUserBlock + size_t(data[0]) % (size - kRunLogUserBlock)] ^= 0x01;
            FUZZ_CHECK(checkRunLogSeal(sealed).state == SealState::Damaged);
        }
    }

    // The parent's reading of a helper that ended: the first two bytes pick how
    // (exit code, signal, deadline), the rest is what it wrote on stderr.
    if (size >= 2) {
        const int kind = data[0] % 3, value = data[1];
        const int status = kind == 1 ? (value % 64 == 0 ? 9 : value % 64) : (value << 8);
        const bool timedOut = kind == 2;
        const std::string message = sandboxFailure("runs/log.h5", status, timedOut, bytes.substr(2));
        const bool succeeded = !timedOut && WIFEXITED(status) && WEXITSTATUS(status) == 0;
        FUZZ_CHECK(message.empty() == succeeded);
        FUZZ_CHECK(succeeded || (fuzz::isOneLine(message) && message.rfind("runs/log.h5: ", 0) == 0));
    }
    return 0;
}
