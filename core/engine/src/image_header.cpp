#include "image_header_p.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace adaround {
namespace {

uint32_t be16(const std::string& b, size_t at) { return uint32_t(uint8_t(b[at])) << 8 | uint8_t(b[at + 1]); }
uint32_t be32(const std::string& b, size_t at) { return be16(b, at) << 16 | be16(b, at + 2); }
uint32_t le16(const std::string& b, size_t at) { return uint32_t(uint8_t(b[at + 1])) << 8 | uint8_t(b[at]); }
uint32_t le32(const std::string& b, size_t at) { return le16(b, at + 2) << 16 | le16(b, at); }

void readPng(const std::string& b, ImageHeader& h)
{
    // signature (8), chunk length (4), "IHDR", width, height: big-endian.
    if (b.size() < 24 || b.compare(12, 4, "IHDR") != 0)
        return;
    h.width = be32(b, 16);
    h.height = be32(b, 20);
}

void readBmp(const std::string& b, ImageHeader& h)
{
    if (b.size() < 26)
        return;
    const uint32_t infoSize = le32(b, 14);
    if (infoSize == 12) { // OS/2 BITMAPCOREHEADER: 16-bit sizes
        h.width = le16(b, 18);
        h.height = le16(b, 20);
    } else if (infoSize >= 40) { // height is negative for top-down bitmaps
        h.width = int32_t(le32(b, 18));
        const int64_t height = int32_t(le32(b, 22));
        h.height = height < 0 ? -height : height;
        if (h.width < 0)
            h.width = 0;
    }
}

bool isStartOfFrame(uint8_t marker)
{
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

void readJpeg(const std::string& b, ImageHeader& h)
{
    size_t at = 2; // after SOI
    while (at + 4 <= b.size()) {
        if (uint8_t(b[at]) != 0xFF)
            return; // not a marker: damaged
        const uint8_t marker = uint8_t(b[at + 1]);
        if (marker == 0xFF) { // fill byte
            ++at;
            continue;
        }
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // no length
            at += 2;
            continue;
        }
        if (marker == 0xDA || marker == 0xD9) // scan data or end before any frame header
            return;
        const size_t length = be16(b, at + 2);
        if (length < 2)
            return;
        if (isStartOfFrame(marker)) {
            if (at + 9 > b.size())
                return;
            h.height = be16(b, at + 5);
            h.width = be16(b, at + 7);
            return;
        }
        at += 2 + length;
    }
}

// ".png" of "a/b.png"; "" without one.
std::string extensionOf(const std::string& path)
{
    const size_t dot = path.find_last_of("./");
    return dot == std::string::npos || path[dot] != '.' ? "" : path.substr(dot);
}

} // namespace

ImageHeader readImageHeader(const std::string& bytes)
{
    ImageHeader h;
    if (bytes.size() >= 8 && std::memcmp(bytes.data(), "\x89PNG\r\n\x1a\n", 8) == 0) {
        h.format = ImageFormat::Png;
        readPng(bytes, h);
    } else if (bytes.size() >= 3 && std::memcmp(bytes.data(), "\xFF\xD8\xFF", 3) == 0) {
        h.format = ImageFormat::Jpeg;
        readJpeg(bytes, h);
    } else if (bytes.size() >= 2 && bytes[0] == 'B' && bytes[1] == 'M') {
        h.format = ImageFormat::Bmp;
        readBmp(bytes, h);
    }
    return h;
}

const char* formatName(ImageFormat format)
{
    switch (format) {
    case ImageFormat::Png: return "PNG";
    case ImageFormat::Jpeg: return "JPEG";
    case ImageFormat::Bmp: return "BMP";
    case ImageFormat::Unknown: break;
    }
    return "unknown";
}

std::string headerProblem(const ImageHeader& header)
{
    if (header.format == ImageFormat::Unknown)
        return "not an image (no PNG, JPEG or BMP signature)";
    if (header.width <= 0 || header.height <= 0)
        return std::string("truncated or damaged ") + formatName(header.format) + " header";
    // Each side first: two 32-bit PNG sides multiply past int64.
    if (header.width > kMaxImagePixels || header.height > kMaxImagePixels ||
        header.width * header.height > kMaxImagePixels)
        return std::to_string(header.width) + "x" + std::to_string(header.height) +
               " pixels in the header, over the limit of 50 megapixels; not decoded";
    return "";
}

ImageFormat formatOfExtension(const std::string& path)
{
    std::string ext = extensionOf(path);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (ext == ".png")
        return ImageFormat::Png;
    if (ext == ".jpg" || ext == ".jpeg")
        return ImageFormat::Jpeg;
    if (ext == ".bmp")
        return ImageFormat::Bmp;
    return ImageFormat::Unknown;
}

std::string imageFileProblem(const std::string& bytes, const std::string& path)
{
    const ImageHeader header = readImageHeader(bytes);
    if (header.format != ImageFormat::Unknown && header.format != formatOfExtension(path)) {
        static const char* const kExtension[] = {"", ".png", ".jpg", ".bmp"};
        const std::string ext = extensionOf(path);
        return std::string("a ") + formatName(header.format) + " image named " +
               (ext.empty() ? std::string("without an extension") : ext) + "; not decoded (rename it to " +
               kExtension[int(header.format)] + ")";
    }
    return headerProblem(header);
}

} // namespace adaround
