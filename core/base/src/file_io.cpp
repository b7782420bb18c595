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

// Refuses to put a file in place of a folder, device or FIFO: rename() would
// replace a device node, and "saved to /dev/full" must not succeed silently.
void requireRegularOrMissing(const std::string& path)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        return;
    if (S_ISDIR(st.st_mode))
        throw Error(path + ": is a directory");
    if (!S_ISREG(st.st_mode))
        throw Error(path + ": not a regular file, not replaced");
}

// Writes BYTES to a new hidden sibling of PATH and syncs it; returns its name.
std::string writeSibling(const std::string& path, const void* bytes, size_t size, bool durable)
{
    const std::string tmp = siblingOf(path);
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0)
        throw Error(path + ": cannot create the file: " + reason());
    try {
        writeAll(fd, bytes, size, path);
        if (durable && ::fsync(fd) != 0)
            throw Error(path + ": cannot sync to disk: " + reason());
    } catch (const Error&) {
        ::close(fd);
        ::unlink(tmp.c_str());
        throw;
    }
    if (::close(fd) != 0) { // NFS and some full disks report the failed write only here
        const std::string why = reason();
        ::unlink(tmp.c_str());
        throw Error(path + ": cannot write: " + why);
    }
    return tmp;
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
    requireRegularOrMissing(path);
    const std::string tmp = writeSibling(path, bytes, size, durable);
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
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

void writeNewFileAtomically(const std::string& path, const std::string& text, const std::string& what)
{
    try {
        requireRegularOrMissing(path);
        const std::string tmp = writeSibling(path, text.data(), text.size(), /*durable=*/true);
        // A rename that fails with EEXIST instead of replacing: a file created
        // meanwhile survives. link() where the file system lacks RENAME_NOREPLACE.
        int linked = ::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE);
        if (linked != 0 && (errno == EINVAL || errno == ENOSYS))
            linked = ::link(tmp.c_str(), path.c_str());
        const int err = errno;
        ::unlink(tmp.c_str()); // after a link(): the extra name; after a failure: the copy
        if (linked != 0)
            throw Error(path + (err == EEXIST ? ": the file exists" : ": cannot create the file: " + std::string(std::strerror(err))));
    } catch (const Error& e) {
        throw Error("cannot save the " + what + ": " + e.what());
    }
}

bool sameFile(const std::string& a, const std::string& b)
{
    std::error_code ec;
    return !a.empty() && !b.empty() && std::filesystem::equivalent(a, b, ec) && !ec;
}

bool isInside(const std::string& path, const std::string& folder)
{
    std::error_code ec;
    std::filesystem::path p = std::filesystem::absolute(path, ec);
    if (ec || folder.empty())
        return false;
    for (;; p = p.parent_path()) {
        if (sameFile(p.string(), folder))
            return true;
        if (p == p.parent_path())
            return false;
    }
}

void checkOutputFile(const std::string& path, const std::vector<NamedInput>& inputs, bool replace,
                     const std::string& what, const std::string& forceHint)
{
    for (const NamedInput& in : inputs)
        if (sameFile(path, in.path))
            throw Error(path + ": is " + in.what + "; the " + what + " never replaces an input");
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        if (S_ISDIR(st.st_mode))
            throw Error(path + ": is a directory, cannot be the " + what);
        if (!S_ISREG(st.st_mode))
            throw Error(path + ": not a regular file, cannot be the " + what);
        if (!replace)
            throw Error(path + ": the file exists; " + forceHint);
    }
    std::filesystem::path folder = std::filesystem::path(path).parent_path();
    if (folder.empty())
        folder = ".";
    if (::stat(folder.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        throw Error(path + ": the folder " + folder.string() + " does not exist");
    if (::access(folder.c_str(), W_OK | X_OK) != 0)
        throw Error(path + ": cannot write into the folder " + folder.string() + ": " + reason());
}

} // namespace adaround
