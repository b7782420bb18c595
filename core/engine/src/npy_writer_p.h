#pragma once
// Minimal NumPy .npy (format 1.0) writer: little-endian uint8 / float32 arrays.
#include <cstdint>
#include <string>
#include <vector>

namespace adaround {

void writeNpy(const std::string& path, const std::vector<int64_t>& shape, const std::vector<uint8_t>& data);
void writeNpy(const std::string& path, const std::vector<int64_t>& shape, const std::vector<float>& data);

} // namespace adaround
