#include "run_log_seal_p.h"

#include "adaround/error.h"
#include "sha256_p.h"

#include <charconv>
#include <cstring>

namespace adaround {
namespace {

constexpr const char* kHdf5Signature = "\x89HDF\r\n\x1a\n";

// The value of "KEY VALUE\n" in HEADER, or "" if the line is missing.
std::string field(const std::string& header, const std::string& key)
{
    const std::string prefix = "\n" + key + " ";
    const size_t at = header.find(prefix);
    if (at == std::string::npos)
        return "";
    const size_t start = at + prefix.size();
    const size_t end = header.find('\n', start);
    return end == std::string::npos ? "" : header.substr(start, end - start);
}

bool parseSize(const std::string& text, size_t& out)
{
    const auto res = std::from_chars(text.data(), text.data() + text.size(), out);
    return !text.empty() && res.ec == std::errc() && res.ptr == text.data() + text.size();
}

bool isHex64(const std::string& s)
{
    return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

} // namespace

void sealRunLogImage(char* image, size_t size, int schemaVersion)
{
    if (size < kRunLogUserBlock)
        throw Error("the HDF5 image has no room for the integrity header");
    const size_t payload = size - kRunLogUserBlock;
    std::string header = std::string(kRunLogMagic) + "format 1\nschema_version " + std::to_string(schemaVersion) +
                         "\nbytes " + std::to_string(payload) + "\nsha256 " + sha256Hex(image + kRunLogUserBlock, payload) +
                         "\nThe SHA-256 and length of the HDF5 file that follows this 512-byte user block.\n";
    header.resize(kRunLogUserBlock, '\0');
    std::memcpy(image, header.data(), kRunLogUserBlock);
}

SealCheck checkRunLogSeal(const std::string& bytes)
{
    const std::string magic = kRunLogMagic;
    if (bytes.compare(0, magic.size(), magic) != 0) {
        // A cut inside the magic itself is still one of ours, cut short.
        if (!bytes.empty() && bytes.size() < magic.size() && magic.compare(0, bytes.size(), bytes) == 0)
            return {SealState::Truncated, "truncated file: " + std::to_string(bytes.size()) + " bytes"};
        return {SealState::Unsealed, ""};
    }
    if (bytes.size() < kRunLogUserBlock)
        return {SealState::Truncated, "truncated file: " + std::to_string(bytes.size()) +
                                          " bytes, less than its integrity header"};
    const std::string header = "\n" + bytes.substr(magic.size(), kRunLogUserBlock - magic.size());
    size_t expected = 0;
    const std::string sha = field(header, "sha256");
    if (field(header, "format") != "1" || !parseSize(field(header, "bytes"), expected) || !isHex64(sha))
        return {SealState::Damaged, "the integrity header is damaged"};
    const size_t have = bytes.size() - kRunLogUserBlock;
    if (have < expected)
        return {SealState::Truncated, "truncated file: " + std::to_string(have) + " of the " +
                                          std::to_string(expected) + " bytes written"};
    if (have > expected)
        return {SealState::Damaged, std::to_string(have - expected) + " bytes more than were written"};
    if (sha256Hex(bytes.data() + kRunLogUserBlock, have) != sha)
        return {SealState::Damaged, "checksum mismatch: the file was damaged or changed after it was written"};
    return {SealState::Verified, ""};
}

bool hasHdf5Signature(const std::string& bytes)
{
    for (size_t at = 0; at + 8 <= bytes.size(); at = at == 0 ? 512 : at * 2)
        if (bytes.compare(at, 8, kHdf5Signature, 8) == 0)
            return true;
    return false;
}

} // namespace adaround
