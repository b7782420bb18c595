#include "adaround/output_folder.h"

#include "adaround/error.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <unistd.h>

namespace adaround {
namespace fs = std::filesystem;
namespace {

std::string reason(int err) { return std::strerror(err); }

// The folder an output folder's staging sibling goes into.
fs::path parentOf(const std::string& dir)
{
    fs::path p = fs::path(dir).lexically_normal();
    if (p.filename().empty()) // "out/"
        p = p.parent_path();
    const fs::path parent = p.parent_path();
    return parent.empty() ? fs::path(".") : parent;
}

fs::path withoutTrailingSlash(const std::string& dir)
{
    fs::path p = fs::path(dir).lexically_normal();
    return p.filename().empty() ? p.parent_path() : p;
}

} // namespace

void checkOutputFolder(const std::string& dir, const std::vector<NamedInput>& inputs, bool replace,
                       const ReplaceableEntry& replaceable, const std::string& what, const std::string& forceHint)
{
    // The nearest existing folder stands for DIR while DIR does not exist yet.
    std::error_code ec;
    fs::path existing = fs::absolute(withoutTrailingSlash(dir), ec);
    while (!ec && !fs::exists(existing, ec) && existing.has_parent_path() && existing != existing.parent_path())
        existing = existing.parent_path();
    for (const NamedInput& in : inputs) {
        if (in.path.empty())
            continue;
        if (isInside(in.path, dir))
            throw Error(dir + ": holds " + in.what + " (" + in.path + "); the " + what + " never replaces an input");
        if (fs::is_directory(in.path, ec) && isInside(existing.string(), in.path))
            throw Error(dir + ": is inside " + in.what + " (" + in.path + "); choose a folder outside it");
    }
    if (fs::exists(dir, ec)) {
        if (!fs::is_directory(dir, ec))
            throw Error(dir + ": not a folder, cannot be the " + what);
        for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
             it.increment(ec)) {
            const std::string rel = it->path().lexically_relative(dir).string();
            if (!replace)
                throw Error(dir + ": the folder is not empty; " + forceHint);
            if (!replaceable(rel, it->is_directory(ec)))
                throw Error(dir + ": holds " + rel + ", which is not part of a " + what +
                            "; --force replaces only a previous " + what + " (choose an empty or new folder)");
        }
        if (ec)
            throw Error(dir + ": cannot read the folder: " + ec.message());
    }
    const fs::path parent = parentOf(dir);
    fs::create_directories(parent, ec);
    if (!fs::is_directory(parent, ec))
        throw Error(dir + ": cannot create the " + what + " (" + parent.string() + " is not a folder" +
                    (ec ? ": " + ec.message() : std::string()) + ")");
    // A real folder made and removed: access() says yes to root even on /proc.
    std::string probe = (parent / ".adaround-write-test-XXXXXX").string();
    if (!::mkdtemp(probe.data()))
        throw Error(dir + ": cannot create the " + what + " in " + parent.string() + ": " + reason(errno));
    ::rmdir(probe.c_str());
}

StagedFolder::StagedFolder(const std::string& dir) : dir_(withoutTrailingSlash(dir).string())
{
    std::string pattern =
        (parentOf(dir) / ("." + withoutTrailingSlash(dir).filename().string() + ".partial-XXXXXX")).string();
    if (!::mkdtemp(pattern.data()))
        throw Error(dir + ": cannot create a folder beside it: " + reason(errno));
    staging_ = pattern;
}

StagedFolder::~StagedFolder()
{
    std::error_code ec;
    if (!committed_)
        fs::remove_all(staging_, ec);
}

void StagedFolder::commit(bool replace)
{
    // rename() replaces a missing or empty folder in one step.
    if (std::rename(staging_.c_str(), dir_.c_str()) == 0) {
        committed_ = true;
        return;
    }
    const int err = errno;
    if (!replace || (err != ENOTEMPTY && err != EEXIST))
        throw Error(dir_ + ": cannot put the folder in place: " + reason(err));
    // Swap the old and new content atomically; the old one is then in staging_.
    if (::renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, dir_.c_str(), RENAME_EXCHANGE) != 0) {
        const std::string aside = staging_ + ".old";
        if (std::rename(dir_.c_str(), aside.c_str()) != 0)
            throw Error(dir_ + ": cannot replace the folder: " + reason(errno));
        if (std::rename(staging_.c_str(), dir_.c_str()) != 0) {
            const int why = errno;
            std::rename(aside.c_str(), dir_.c_str()); // put the old one back
            throw Error(dir_ + ": cannot replace the folder: " + reason(why));
        }
        std::error_code ec;
        fs::remove_all(aside, ec);
        committed_ = true;
        return;
    }
    std::error_code ec;
    fs::remove_all(staging_, ec); // the previous content
    committed_ = true;
}

} // namespace adaround
