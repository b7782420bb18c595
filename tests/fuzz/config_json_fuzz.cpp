// The configuration JSON (--config, the run log's /config): strict parsing with
// a depth limit, then every key checked against the knob table. Whatever is
// accepted validates, and writes and reads back to the same configuration.
#include "fuzz_check.h"

#include "adaround/config_json.h"
#include "adaround/error.h"
#include "adaround/json.h"

#include <cstdint>
#include <string>

using namespace adaround;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        // Any JSON the project reads prints as valid JSON that reads back the same.
        const Json doc = parseJson(text);
        FUZZ_CHECK(parseJson(dumpJson(doc)) == doc);
    } catch (const Error& e) {
        FUZZ_CHECK_ONE_LINE(e.what());
        return 0;
    }
    try {
        const AdaRoundConfig config = configFromJson(text);
        config.validate();
        const std::string saved = configToJson(config);
        FUZZ_CHECK(configToJson(configFromJson(saved)) == saved);
    } catch (const Error& e) {
        FUZZ_CHECK_ONE_LINE(e.what());
    }
    return 0;
}
