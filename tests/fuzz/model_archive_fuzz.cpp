// The project's own checks of a model archive before LibTorch's loader (not
// the loader itself): zip end records, central directory, local headers,
// sizes, and the TorchScript layout. The same bytes read whole or through
// small reads give the same verdict.
#include "fuzz_check.h"
#include "model_archive_p.h"

#include <cstdint>
#include <string>

using namespace adaround;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    const std::string problem = modelArchiveProblem(bytes);
    if (problem.empty())
        FUZZ_CHECK(size >= 4 && bytes.compare(0, 4, "PK\x03\x04", 4) == 0);
    else
        FUZZ_CHECK_ONE_LINE(problem);
    // A reader that never returns more than asked, and nothing past the end.
    const std::string again = modelArchiveProblem(size, [&](uint64_t offset, size_t length) {
        FUZZ_CHECK(offset <= size);
        return bytes.substr(size_t(offset), length);
    });
    FUZZ_CHECK(again == problem);
    return 0;
}
