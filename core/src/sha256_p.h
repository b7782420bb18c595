#pragma once
// SHA-256 (FIPS 180-4), so a run log can fingerprint its model without another
// dependency.
#include <cstddef>
#include <cstdint>
#include <string>

namespace adaround {

class Sha256 {
public:
    Sha256();
    void update(const void* data, size_t size);
    std::string hexDigest(); // finishes the hash; call once

private:
    void block(const uint8_t* p);

    uint32_t h_[8];
    uint8_t buffer_[64];
    size_t buffered_ = 0;
    uint64_t length_ = 0; // bytes
};

std::string sha256Hex(const std::string& bytes);
// Throws Error if the file cannot be read.
std::string sha256File(const std::string& path);

} // namespace adaround
