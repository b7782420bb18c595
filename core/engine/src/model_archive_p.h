#pragma once
// What the project checks in a model file before LibTorch's loader sees it: a
// zip archive whose end records, central directory and local headers agree
// with each other and with the file's size, whose entries lie inside the file
// and cannot inflate beyond what deflate allows, and that holds TorchScript
// (data.pkl beside code/ or constants.pkl) rather than a torch.save checkpoint.
// Torch-free and reading only what it checks (the end of the file, the central
// directory, 30 bytes per entry), so a 100 MB model costs a few reads; fuzzed
// on its own (tests/fuzz/model_archive_fuzz.cpp).
#include <cstdint>
#include <functional>
#include <string>

namespace adaround {

// Up to LENGTH bytes of the archive at OFFSET (fewer only at its end).
using ArchiveReader = std::function<std::string(uint64_t offset, size_t length)>;

// A central directory larger than this is refused (a ResNet-50 archive's is 30 KiB).
inline constexpr uint64_t kMaxCentralDirectoryBytes = uint64_t(64) << 20;

// "" if the archive of SIZE bytes may go to LibTorch, else the problem as a
// phrase to follow "model.pt: " ("empty file, not a TorchScript archive",
// "not a TorchScript archive (zip header missing)", "truncated or damaged
// TorchScript archive (...)", "a PyTorch archive without TorchScript code ...").
std::string modelArchiveProblem(uint64_t size, const ArchiveReader& read);

// The same on an archive held in memory.
std::string modelArchiveProblem(const std::string& bytes);

} // namespace adaround
