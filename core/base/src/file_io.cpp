#include "adaround/file_io.h"

#include "adaround/error.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
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

std::string readTextFile(const std::string& path, size_t maxBytes, const std::string& what)
{
    // O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        throw Error(path + ": cannot open the " + what + ": " + reason());
    struct stat st {};
    std::string text;
    try {
        if (::fstat(fd, &st) != 0)
            throw Error(path + ": cannot read the " + what + ": " + reason());
        if (S_ISDIR(st.st_mode))
            throw Error(path + ": is a directory, not a " + what);
        if (!S_ISREG(st.st_mode))
            throw Error(path + ": not a regular file, cannot be a " + what);
        if (size_t(st.st_size) > maxBytes)
            throw Error(path + ": " + std::to_string(st.st_size) + " bytes, too large for a " + what + " (at most " +
                        std::to_string(maxBytes) + ")");
        text.resize(size_t(st.st_size));
        size_t got = 0;
        while (got < text.size()) {
            const ssize_t n = ::read(fd, text.data() + got, text.size() - got);
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                throw Error(path + ": cannot read the " + what + ": " + reason());
            if (n == 0)
                break;
            got += size_t(n);
        }
        text.resize(got);
    } catch (const Error&) {
        ::close(fd);
        throw;
    }
    ::close(fd);
    return text;
}

void writeFileAtomically(const std::string& path, const std::string& text, const std::string& what)
{
    try {
        replaceFile(path, text.data(), text.size(), /*durable=*/true);
    } catch (const Error& e) {
        throw Error("cannot save the " + what + ": " + e.what());
    }
}

} // namespace adaround
