#include "file_snapshot_p.h"

#include "adaround/error.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <unistd.h>

namespace adaround {
namespace {

std::string reason() { return std::strerror(errno); }

void writeAll(int fd, const void* bytes, size_t size, const std::string& path)
{
    const char* p = static_cast<const char*>(bytes);
    while (size > 0) {
        const ssize_t n = ::write(fd, p, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            throw Error(path + ": cannot write: " + reason());
        p += n;
        size -= size_t(n);
    }
}

std::string siblingOf(const std::string& path)
{
    const std::filesystem::path p(path);
    return (p.parent_path() / ("." + p.filename().string() + ".partial")).string();
}

} // namespace

void writeNewFile(const std::string& path, const void* bytes, size_t size)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) {
        if (errno == EEXIST)
            throw Error(path + ": the file exists; a run log is never overwritten");
        throw Error(path + ": cannot create the file: " + reason());
    }
    try {
        writeAll(fd, bytes, size, path);
    } catch (const Error&) {
        ::close(fd);
        ::unlink(path.c_str());
        throw;
    }
    if (::close(fd) != 0)
        throw Error(path + ": cannot write: " + reason());
}

void replaceFile(const std::string& path, const void* bytes, size_t size, bool durable)
{
    const std::string tmp = siblingOf(path);
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0)
        throw Error(tmp + ": cannot create the file: " + reason());
    try {
        writeAll(fd, bytes, size, tmp);
        if (durable && ::fsync(fd) != 0)
            throw Error(tmp + ": cannot sync to disk: " + reason());
    } catch (const Error&) {
        ::close(fd);
        ::unlink(tmp.c_str());
        throw;
    }
    if (::close(fd) != 0 || std::rename(tmp.c_str(), path.c_str()) != 0) {
        const std::string why = reason();
        ::unlink(tmp.c_str());
        throw Error(path + ": cannot replace the file: " + why);
    }
}

} // namespace adaround
