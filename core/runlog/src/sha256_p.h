#pragma once
// SHA-256 through OpenSSL's EVP interface, so a run log can fingerprint its model
// (and later verify its own snapshots).
#include <cstddef>
#include <string>

namespace adaround {

std::string sha256Hex(const std::string& bytes);
std::string sha256Hex(const void* data, size_t size);
// Throws Error if the file cannot be read.
std::string sha256File(const std::string& path);

} // namespace adaround
