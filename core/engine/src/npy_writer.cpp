#include "npy_writer_p.h"

#include "adaround/error.h"

#include <fstream>

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
    std::ofstream out(path, std::ios::binary);
    if (!out)
        throw Error(path + ": cannot be written");
    const uint16_t len = uint16_t(header.size());
    out.write("\x93NUMPY\x01\x00", 8);
    out.put(char(len & 0xff));
    out.put(char(len >> 8));
    out << header;
    out.write(static_cast<const char*>(data), std::streamsize(bytes));
    if (!out)
        throw Error(path + ": write failed (disk full?)");
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
