#include "image_decode_p.h"

#include "adaround/error.h"
#include "guard_p.h"
#include "image_header_p.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <fstream>
#include <vector>

namespace adaround {
namespace {

std::string sizeString(const cv::Mat& m)
{
    return std::to_string(m.cols) + "x" + std::to_string(m.rows);
}

// Larger files are not read at all: an uncompressed 50-megapixel BMP is 150 MB.
constexpr std::streamoff kMaxFileBytes = std::streamoff(512) << 20;

// The file's bytes, or "" with ERROR set.
std::string readFileBytes(const std::string& path, std::string& error)
{
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) {
        error = "cannot be opened for reading";
        return {};
    }
    const std::streamoff size = in.tellg();
    if (size == 0) {
        error = "empty file (0 bytes)";
        return {};
    }
    if (size < 0 || size > kMaxFileBytes) {
        error = "file larger than 512 MiB; not read";
        return {};
    }
    std::string bytes(size_t(size), '\0');
    in.seekg(0);
    if (!in.read(bytes.data(), size))
        error = "read error";
    return bytes;
}

// The header is checked before OpenCV sees the bytes: only a PNG, JPEG or BMP
// signature that matches the file's extension reaches cv::imdecode (which
// picks its decoder from the signature among all it knows), and the claimed
// size bounds the memory decoding may take.
cv::Mat readImage(const std::string& path, int flags, std::string& error)
{
    const std::string bytes = readFileBytes(path, error);
    if (!error.empty())
        return {};
    error = imageFileProblem(bytes, path);
    if (!error.empty())
        return {};
    cv::Mat img;
    try {
        img = cv::imdecode(cv::Mat(1, int(bytes.size()), CV_8UC1, const_cast<char*>(bytes.data())), flags);
    } catch (const cv::Exception& e) {
        error = firstLine(e.err);
        return {};
    }
    if (img.empty())
        error = "unreadable or corrupt image";
    return img;
}

// Resize (shorter side), centre crop; float in [0, 1], RGB order.
DecodedImage decodeUnguarded(const std::string& path, const Preprocess& pre)
{
    DecodedImage d;
    cv::Mat img = readImage(path, pre.channels == 1 ? cv::IMREAD_GRAYSCALE : cv::IMREAD_COLOR, d.error);
    if (!d.error.empty())
        return d;
    if (pre.channels == 3)
        cv::cvtColor(img, img, cv::COLOR_BGR2RGB);
    if (pre.resize > 0) {
        const int shorter = std::min(img.cols, img.rows);
        const double f = double(pre.resize) / shorter;
        cv::Size size(std::max(1, int(img.cols * f + 0.5)), std::max(1, int(img.rows * f + 0.5)));
        if (img.cols < img.rows)
            size.width = pre.resize;
        else
            size.height = pre.resize;
        cv::resize(img, img, size, 0, 0, f < 1.0 ? cv::INTER_AREA : cv::INTER_LINEAR);
    }
    if (pre.crop > 0) {
        if (img.cols < pre.crop || img.rows < pre.crop) {
            d.fatal = true;
            d.error = sizeString(img) + " image is smaller than the " + std::to_string(pre.crop) +
                      "x" + std::to_string(pre.crop) + " crop";
            return d;
        }
        cv::Rect roi((img.cols - pre.crop) / 2, (img.rows - pre.crop) / 2, pre.crop, pre.crop);
        img = img(roi).clone();
    }
    img.convertTo(d.image, CV_32F, 1.0 / 255.0);
    return d;
}

} // namespace

DecodedImage decodeImage(const std::string& path, const Preprocess& pre)
{
    DecodedImage d;
    try {
        return decodeUnguarded(path, pre);
    } catch (const cv::Exception& e) {
        d.error = firstLine(e.err);
    } catch (const std::bad_alloc&) {
        d.error = "out of memory decoding the image";
    } catch (const std::exception& e) {
        d.error = firstLine(e.what());
    }
    d.fatal = true;
    return d;
}

ImageSizeCheck::ImageSizeCheck(const Preprocess& pre)
    : pre_(pre), width_(pre.outputSize()), height_(pre.outputSize())
{
}

void ImageSizeCheck::check(int64_t width, int64_t height, const std::string& path)
{
    if (width_ == 0) { // the first image fixes the size when preprocessing does not
        width_ = width;
        height_ = height;
    }
    if (width == width_ && height == height_)
        return;
    const std::string want = std::to_string(width_) + "x" + std::to_string(height_);
    const std::string how = pre_.expectedSize ? "preprocessing '" + pre_.name + "' expects " + want
                                              : "earlier images are " + want;
    throw Error(path + ": " + std::to_string(width) + "x" + std::to_string(height) + " image, but " + how +
                " (use --resize/--crop to make sizes uniform)");
}

void writeNormalised(const cv::Mat& image, const Preprocess& pre, float* dst)
{
    const int64_t plane = int64_t(image.cols) * image.rows;
    std::vector<cv::Mat> channels;
    cv::split(image, channels);
    for (int ch = 0; ch < pre.channels; ++ch) {
        const float mean = pre.mean.size() == 1 ? pre.mean[0] : pre.mean[size_t(ch)];
        const float inv = 1.0f / (pre.std.size() == 1 ? pre.std[0] : pre.std[size_t(ch)]);
        const float* src = channels[size_t(ch)].ptr<float>();
        float* out = dst + ch * plane;
        for (int64_t p = 0; p < plane; ++p)
            out[p] = (src[p] - mean) * inv;
    }
}

std::string noImageReadable(const std::string& root, int64_t n, const std::string& firstSkipped)
{
    if (n == 0)
        return root + ": no images";
    return root + ": none of its " + std::to_string(n) + " images could be read (" + firstSkipped + ")";
}

} // namespace adaround
