#include "model_archive_p.h"

#include "adaround/error.h"

#include <algorithm>
#include <cstring>

namespace adaround {
namespace {

// Fixed sizes of the zip records (APPNOTE 4.3).
constexpr size_t kLocalHeader = 30, kCentralHeader = 46, kEnd = 22, kZip64Locator = 20, kZip64End = 56;
constexpr size_t kMaxComment = 0xFFFF;
// Deflate cannot expand data more than 1032:1; a larger claim is a lie that
// would make the loader allocate from the file's own numbers.
constexpr uint64_t kMaxDeflateRatio = 1032;

uint64_t le(const std::string& b, size_t at, int bytes)
{
    uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = v << 8 | uint8_t(b[at + size_t(i)]);
    return v;
}

bool hasSignature(const std::string& b, size_t at, const char* sig)
{
    return at + 4 <= b.size() && std::memcmp(b.data() + at, sig, 4) == 0;
}

// Entry names come from the file: shown cleaned and capped.
std::string shown(const std::string& name) { return printable(name, 120); }

struct Damaged {
    std::string why;
};

[[noreturn]] void damaged(const std::string& why) { throw Damaged{why}; }

struct Directory {
    uint64_t entries = 0, size = 0, offset = 0;
    uint64_t end = 0; // where the central directory must end: the first end record
};

// The end-of-central-directory record (and its zip64 form) at the end of the file.
Directory readEndRecords(uint64_t fileSize, const ArchiveReader& read)
{
    const uint64_t tailStart = fileSize - std::min<uint64_t>(fileSize, kEnd + kMaxComment);
    const std::string tail = read(tailStart, size_t(fileSize - tailStart));
    if (tail.size() != fileSize - tailStart)
        damaged("the file could not be read to its end");
    size_t at = std::string::npos;
    for (size_t p = tail.size() >= kEnd ? tail.size() - kEnd + 1 : 0; p-- > 0;) {
        if (hasSignature(tail, p, "PK\x05\x06") && p + kEnd + le(tail, p + 20, 2) <= tail.size()) {
            at = p;
            break;
        }
    }
    if (at == std::string::npos)
        damaged("no end-of-archive record: the file is cut short");
    Directory d;
    d.end = tailStart + at;
    d.entries = le(tail, at + 10, 2);
    d.size = le(tail, at + 12, 4);
    d.offset = le(tail, at + 16, 4);
    const std::string locator = d.end < kZip64Locator ? "" : read(d.end - kZip64Locator, kZip64Locator);
    if (locator.size() != kZip64Locator || !hasSignature(locator, 0, "PK\x06\x07")) {
        if (le(tail, at + 4, 2) != 0 || le(tail, at + 6, 2) != 0 || le(tail, at + 8, 2) != d.entries)
            damaged("a multi-part archive");
        return d;
    }
    // zip64: the real counts and offsets are in the zip64 end record the locator points at.
    const uint64_t at64 = le(locator, 8, 8);
    if (at64 > d.end - kZip64Locator || d.end - kZip64Locator - at64 < kZip64End)
        damaged("the zip64 end record lies outside the file");
    const std::string end64 = read(at64, kZip64End);
    if (end64.size() != kZip64End || !hasSignature(end64, 0, "PK\x06\x06"))
        damaged("the zip64 end record is missing");
    if (le(end64, 16, 4) != 0 || le(end64, 20, 4) != 0 || le(end64, 24, 8) != le(end64, 32, 8))
        damaged("a multi-part archive");
    d.entries = le(end64, 32, 8);
    d.size = le(end64, 40, 8);
    d.offset = le(end64, 48, 8);
    d.end = at64;
    return d;
}

struct Entry {
    std::string name;
    uint64_t compressed = 0, uncompressed = 0, localOffset = 0;
    unsigned method = 0;
};

// One central directory header at AT of CD; advances AT past it.
Entry readCentralEntry(const std::string& cd, size_t& at)
{
    if (!hasSignature(cd, at, "PK\x01\x02") || cd.size() - at < kCentralHeader)
        damaged("a damaged central directory");
    Entry e;
    e.method = unsigned(le(cd, at + 10, 2));
    e.compressed = le(cd, at + 20, 4);
    e.uncompressed = le(cd, at + 24, 4);
    const size_t nameLen = size_t(le(cd, at + 28, 2)), extraLen = size_t(le(cd, at + 30, 2)),
                 commentLen = size_t(le(cd, at + 32, 2));
    e.localOffset = le(cd, at + 42, 4);
    if (cd.size() - at - kCentralHeader < nameLen + extraLen + commentLen)
        damaged("a central directory entry runs past the directory's end");
    e.name = cd.substr(at + kCentralHeader, nameLen);
    // zip64 sizes and offset, each present only where its 32-bit field is all ones.
    size_t x = at + kCentralHeader + nameLen;
    const size_t extraEnd = x + extraLen;
    while (extraEnd - x >= 4) {
        const uint64_t id = le(cd, x, 2), len = le(cd, x + 2, 2);
        if (len > extraEnd - x - 4)
            damaged("a damaged extra field in entry " + shown(e.name));
        size_t f = x + 4;
        const size_t fEnd = f + size_t(len);
        if (id == 0x0001) {
            for (uint64_t* field : {&e.uncompressed, &e.compressed, &e.localOffset}) {
                if (*field != 0xFFFFFFFF)
                    continue;
                if (fEnd - f < 8)
                    damaged("a damaged zip64 field in entry " + shown(e.name));
                *field = le(cd, f, 8);
                f += 8;
            }
        }
        x = fEnd;
    }
    at = extraEnd + commentLen;
    return e;
}

void checkEntry(const Entry& e, const Directory& d, const ArchiveReader& read)
{
    if (e.name.empty())
        damaged("an entry without a name");
    if (e.method != 0 && e.method != 8)
        damaged("entry " + shown(e.name) + " uses compression method " + std::to_string(e.method) +
                ", not stored or deflate");
    if (e.method == 0 && e.compressed != e.uncompressed)
        damaged("entry " + shown(e.name) + " has different stored and unpacked sizes");
    if (e.method == 8 && e.uncompressed / kMaxDeflateRatio > e.compressed)
        damaged("entry " + shown(e.name) + " claims to unpack to " + std::to_string(e.uncompressed) + " bytes from " +
                std::to_string(e.compressed));
    // The entry's local header, name, extra field and data lie before the central directory.
    if (e.localOffset > d.offset || d.offset - e.localOffset < kLocalHeader)
        damaged("entry " + shown(e.name) + " lies outside the archive");
    const std::string local = read(e.localOffset, kLocalHeader);
    if (local.size() != kLocalHeader || !hasSignature(local, 0, "PK\x03\x04"))
        damaged("entry " + shown(e.name) + " has no local header where the directory says");
    const uint64_t dataStart = e.localOffset + kLocalHeader + le(local, 26, 2) + le(local, 28, 2);
    if (dataStart > d.offset || d.offset - dataStart < e.compressed)
        damaged("entry " + shown(e.name) + " runs past the end of the archive's data");
}

} // namespace

std::string modelArchiveProblem(uint64_t size, const ArchiveReader& read)
{
    if (size == 0)
        return "empty file, not a TorchScript archive";
    if (size < 4 || read(0, 4) != std::string("PK\x03\x04", 4))
        return "not a TorchScript archive (zip header missing)";
    try {
        const Directory d = readEndRecords(size, read);
        if (d.offset > d.end || d.end - d.offset < d.size)
            damaged("the central directory lies outside the file");
        if (d.size > kMaxCentralDirectoryBytes)
            damaged("a central directory of " + std::to_string(d.size) + " bytes");
        if (d.entries == 0 || d.entries > d.size / kCentralHeader)
            damaged(std::to_string(d.entries) + " entries in a central directory of " + std::to_string(d.size) +
                    " bytes");
        const std::string cd = read(d.offset, size_t(d.size));
        if (cd.size() != d.size)
            damaged("the central directory could not be read");
        size_t at = 0;
        std::string folder;
        bool data = false, code = false;
        for (uint64_t i = 0; i < d.entries; ++i) {
            const Entry e = readCentralEntry(cd, at);
            checkEntry(e, d, read);
            // LibTorch takes the archive's folder from the first entry and reads <folder>/data.pkl.
            if (i == 0) {
                const size_t slash = e.name.find('/');
                if (slash == std::string::npos || slash == 0)
                    return "not a TorchScript archive (its files are not in one folder)";
                folder = e.name.substr(0, slash + 1);
            }
            if (e.name.compare(0, folder.size(), folder) != 0)
                continue;
            const std::string inner = e.name.substr(folder.size());
            data = data || inner == "data.pkl";
            code = code || inner == "constants.pkl" || inner.rfind("code/", 0) == 0;
        }
        if (!data)
            return "not a TorchScript archive (no data.pkl)";
        if (!code)
            return "a PyTorch archive without TorchScript code (a torch.save checkpoint?); "
                   "export the model with torch.jit.script or torch.jit.trace";
    } catch (const Damaged& e) {
        return "truncated or damaged TorchScript archive (" + e.why + ")";
    }
    return "";
}

std::string modelArchiveProblem(const std::string& bytes)
{
    return modelArchiveProblem(bytes.size(), [&bytes](uint64_t offset, size_t length) {
        return offset >= bytes.size() ? std::string() : bytes.substr(size_t(offset), length);
    });
}

} // namespace adaround
