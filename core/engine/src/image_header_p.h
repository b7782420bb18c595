#pragma once
// What an image file's first bytes say, read before any decoder runs: the
// format from its signature and the pixel size from its header. A file that
// claims 30000x30000 pixels is refused here instead of being decoded (4.5 GB);
// a file that is no image at all, or not the image its extension promises,
// never reaches OpenCV. Torch- and OpenCV-free (fuzzed, tests/fuzz).
#include <cstdint>
#include <string>

namespace adaround {

enum class ImageFormat { Unknown, Png, Jpeg, Bmp };

struct ImageHeader {
    ImageFormat format = ImageFormat::Unknown;
    int64_t width = 0;  // 0 when the header is truncated or damaged
    int64_t height = 0;
};

// Parses the signature and the size fields (PNG IHDR, JPEG SOF, BMP info header).
ImageHeader readImageHeader(const std::string& bytes);

const char* formatName(ImageFormat format); // "PNG", "JPEG", "BMP", "unknown"

// Decoding more pixels than this is refused: 50 MP is above any camera image a
// classifier is calibrated on, and bounds one decoded image to ~150 MB.
constexpr int64_t kMaxImagePixels = 50'000'000;

// "" if the header allows decoding, else the reason the file is skipped.
std::string headerProblem(const ImageHeader& header);

// The format a file name's extension promises (.png, .jpg/.jpeg, .bmp, any
// case), or Unknown.
ImageFormat formatOfExtension(const std::string& path);

// What the image path checks before OpenCV picks a decoder: the signature is
// PNG, JPEG or BMP and matches the extension of PATH (a JPEG named .png is
// skipped, named, rather than decoded as whatever its bytes say), and the
// header's size is within kMaxImagePixels. "" if the bytes may be decoded.
std::string imageFileProblem(const std::string& bytes, const std::string& path);

} // namespace adaround
