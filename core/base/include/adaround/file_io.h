#pragma once
// Whole files in and out. Writes put the bytes on disk so that a reader, or a
// process killed at any moment, sees either the previous complete version or the
// new one, never a mix; reads refuse what is not a regular file of sane size.
#include <cstddef>
#include <string>

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

} // namespace adaround
