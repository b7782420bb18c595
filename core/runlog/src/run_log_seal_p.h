#pragma once
// The integrity header of a run log: HDF5's 512-byte user block (which HDF5,
// h5py and h5dump skip) holds a short text with the SHA-256 and length of the
// bytes after it. The writer seals every image it saves; the reader checks the
// seal before HDF5 parses a single byte, so a damaged file never reaches the
// library in-process (see docs/runlog.md, "Integrity header").
#include <cstddef>
#include <string>

namespace adaround {

inline constexpr size_t kRunLogUserBlock = 512;
inline constexpr const char* kRunLogMagic = "adaround-runlog integrity header\n";

// Largest run log read (a demo run's log is 190 KiB; a VGG-16 one about 300 MiB).
inline constexpr size_t kMaxRunLogBytes = size_t(2) << 30;

// Writes the header into the first kRunLogUserBlock bytes of IMAGE; the HDF5
// file image (created with that user block; H5Fget_file_image leaves it out)
// follows them.
void sealRunLogImage(char* image, size_t size, int schemaVersion);

enum class SealState {
    Verified,  // the header is intact and the bytes after it match it
    Unsealed,  // no header: a log of an older version, or a foreign file
    Truncated, // fewer bytes than the header promises
    Damaged,   // header unreadable, more bytes than written, or a checksum mismatch
};

struct SealCheck {
    SealState state = SealState::Unsealed;
    std::string problem; // for Truncated and Damaged: what is wrong, one line
};

SealCheck checkRunLogSeal(const std::string& bytes);

// True if BYTES hold an HDF5 signature where HDF5 looks for one (offset 0,
// 512, 1024, 2048, ...), without asking the library.
bool hasHdf5Signature(const std::string& bytes);

} // namespace adaround
