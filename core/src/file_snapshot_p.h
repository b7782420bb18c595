#pragma once
// Puts a whole file's bytes on disk so that a reader, or a process killed at any
// moment, sees either the previous complete version or the new one, never a mix.
#include <cstddef>
#include <string>

namespace adaround {

// Creates PATH with BYTES; throws Error if PATH exists or cannot be created.
void writeNewFile(const std::string& path, const void* bytes, size_t size);

// Replaces PATH by BYTES through a hidden sibling file and rename(). DURABLE
// also syncs the data to the disk first. Throws Error on failure.
void replaceFile(const std::string& path, const void* bytes, size_t size, bool durable);

} // namespace adaround
