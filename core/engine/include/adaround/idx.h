#pragma once
// Reader for IDX files (the MNIST / Fashion-MNIST format), plain or gzip-compressed.
#include <cstdint>
#include <string>
#include <vector>

namespace adaround {

struct IdxArray {
    std::vector<int64_t> dims;
    std::vector<uint8_t> data; // only the unsigned-byte type (0x08) is supported
};

IdxArray readIdx(const std::string& path); // throws Error naming the file

} // namespace adaround
