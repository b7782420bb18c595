#include "adaround/idx.h"

#include "adaround/error.h"

#include <zlib.h>

#include <filesystem>
#include <memory>

namespace adaround {

IdxArray readIdx(const std::string& path)
{
    if (!std::filesystem::exists(path))
        throw Error(path + ": no such file");
    // gzread reads plain files unchanged, so .gz and raw IDX files share one path.
    std::unique_ptr<gzFile_s, int (*)(gzFile)> file(gzopen(path.c_str(), "rb"), gzclose);
    if (!file)
        throw Error(path + ": cannot be opened for reading");
    auto readExactly = [&](void* buf, size_t n) {
        size_t got = 0;
        while (got < n) {
            int r = gzread(file.get(), static_cast<char*>(buf) + got, unsigned(std::min<size_t>(n - got, 1u << 30)));
            if (r <= 0)
                return false;
            got += size_t(r);
        }
        return true;
    };
    unsigned char magic[4];
    if (!readExactly(magic, 4) || magic[0] != 0 || magic[1] != 0)
        throw Error(path + ": not an IDX file (bad magic number)");
    if (magic[2] != 0x08)
        throw Error(path + ": IDX element type 0x" + std::to_string(int(magic[2])) +
                    " is not supported (only unsigned bytes)");
    IdxArray out;
    size_t total = 1;
    for (int i = 0; i < magic[3]; ++i) {
        unsigned char b[4];
        if (!readExactly(b, 4))
            throw Error(path + ": truncated IDX header");
        int64_t d = (int64_t(b[0]) << 24) | (int64_t(b[1]) << 16) | (int64_t(b[2]) << 8) | b[3];
        out.dims.push_back(d);
        total *= size_t(d);
    }
    out.data.resize(total);
    if (!readExactly(out.data.data(), total))
        throw Error(path + ": truncated IDX data (expected " + std::to_string(total) + " bytes)");
    return out;
}

} // namespace adaround
