#pragma once
// Whole files in and out. Writes put the bytes on disk so that a reader, or a
// process killed at any moment, sees either the previous complete version or the
// new one, never a mix; reads refuse what is not a regular file of sane size.
#include <cstddef>
#include <string>
#include <vector>

namespace adaround {

// Creates PATH with BYTES; throws Error if PATH exists or cannot be created.
void writeNewFile(const std::string& path, const void* bytes, size_t size);

// Replaces PATH by BYTES through a hidden sibling file and rename(). DURABLE
// also syncs the data to the disk first. Throws Error on failure.
void replaceFile(const std::string& path, const void* bytes, size_t size, bool durable);

// Largest configuration file read (a real one is under 2 KiB).
inline constexpr size_t kMaxConfigBytes = size_t(1) << 20;

// The bytes of a regular file of at most MAX_BYTES. Throws Error naming PATH and
// WHAT ("configuration file"): missing, a directory, not a regular file (a FIFO
// or device is never opened for reading), too large, unreadable.
std::string readTextFile(const std::string& path, size_t maxBytes, const std::string& what);

// replaceFile for text, syncing to disk first.
void writeFileAtomically(const std::string& path, const std::string& text, const std::string& what);

// Creates PATH with TEXT through a hidden sibling, synced, then renamed without
// replacing: PATH appears complete or not at all, and a failed write (disk
// full) leaves nothing. Throws Error ("cannot save the WHAT: PATH: reason") if
// PATH exists or any step fails.
void writeNewFileAtomically(const std::string& path, const std::string& text, const std::string& what);

// Whether A and B are the same existing file or folder (std::filesystem::
// equivalent: hard links, symlinks and "./x" vs "x" included); false if either
// does not exist.
bool sameFile(const std::string& a, const std::string& b);

// Whether PATH (existing or not) is FOLDER or lies somewhere below it.
bool isInside(const std::string& path, const std::string& folder);

// A file the program reads, named for messages: {"the model", "x.pt"}.
struct NamedInput {
    std::string what;
    std::string path;
};

// Checks, before any work, that PATH may be written as the output WHAT:
// not one of INPUTS (same file, however it is named), not a folder, device or
// FIFO, not an existing file unless REPLACE (then FORCE_HINT, e.g. "--force
// replaces it", is added to the message), and its folder exists and is
// writable. Throws Error with a one-line reason.
void checkOutputFile(const std::string& path, const std::vector<NamedInput>& inputs, bool replace,
                     const std::string& what, const std::string& forceHint);

} // namespace adaround
