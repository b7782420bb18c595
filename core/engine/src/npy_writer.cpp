#include "npy_writer_p.h"

#include "adaround/file_io.h"

namespace adaround {
namespace {

void write(const std::string& path, const char* descr, const std::vector<int64_t>& shape, const void* data,
           size_t bytes)
{
    std::string dims;
    for (int64_t d : shape)
        dims += std::to_string(d) + ",";
    if (shape.size() > 1)
        dims.pop_back(); // (3,) for one dimension, (3,4) otherwise
    std::string header = "{'descr': '" + std::string(descr) + "', 'fortran_order': False, 'shape': (" + dims + "), }";
    // Magic (6) + version (2) + length (2) + header, padded with spaces to 64 bytes, ending in '\n'.
    const size_t total = 10 + header.size() + 1;
    header.append((64 - total % 64) % 64, ' ');
    header += '\n';
    const uint16_t len = uint16_t(header.size());
    std::string file("\x93NUMPY\x01\x00", 8);
    file += char(len & 0xff);
    file += char(len >> 8);
    file += header;
    file.append(static_cast<const char*>(data), bytes);
    writeNewFile(path, file.data(), file.size()); // every write checked, with the reason (disk full)
}

} // namespace

void writeNpy(const std::string& path, const std::vector<int64_t>& shape, const std::vector<uint8_t>& data)
{
    write(path, "|u1", shape, data.data(), data.size());
}

void writeNpy(const std::string& path, const std::vector<int64_t>& shape, const std::vector<float>& data)
{
    write(path, "<f4", shape, data.data(), data.size() * sizeof(float));
}

} // namespace adaround
