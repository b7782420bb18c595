#include "adaround/image_set.h"

#include "adaround/error.h"
#include "guard_p.h"
#include "image_header_p.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>

namespace adaround {
namespace {

struct Decoded {
    cv::Mat image;     // preprocessed, CV_32FC(channels), before normalisation
    std::string error; // unreadable file: skipped and counted
    bool fatal = false; // the file is fine but does not fit the preprocessing
};

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
Decoded decode(const std::string& path, const Preprocess& pre)
{
    Decoded d;
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

ImageSet loadImages(const ImageFolder& folder, const Preprocess& pre, const ProgressFn& progress,
                    size_t maxBytes)
{
    pre.validate();
    const auto& samples = folder.samples();
    const int64_t n = int64_t(samples.size());
    const int c = pre.channels;

    ImageSet set;
    set.root = folder.root();
    set.classes = folder.classes();
    set.presentClasses = folder.presentClasses();
    set.classOrigin = folder.classOrigin();
    const std::string stage = "loading images from " + folder.root();
    int64_t side = pre.outputSize();
    int64_t expectW = side, expectH = side;
    std::vector<float> values;

    const int64_t chunk = 512;
    for (int64_t start = 0; start < n; start += chunk) {
        const int64_t end = std::min(n, start + chunk);
        std::vector<Decoded> decoded(size_t(end - start));
        cv::parallel_for_(cv::Range(int(start), int(end)), [&](const cv::Range& r) {
            for (int i = r.start; i < r.end; ++i)
                decoded[size_t(i - start)] = decode(samples[size_t(i)].path, pre);
        });
        for (int64_t i = start; i < end; ++i) {
            Decoded& d = decoded[size_t(i - start)];
            const std::string& path = samples[size_t(i)].path;
            if (!d.error.empty()) {
                if (d.fatal)
                    throw Error(path + ": " + d.error);
                set.skipped.push_back({path, d.error});
                continue;
            }
            if (expectW == 0) { // first image fixes the size when preprocessing does not
                expectW = d.image.cols;
                expectH = d.image.rows;
            }
            if (d.image.cols != expectW || d.image.rows != expectH) {
                std::string want = std::to_string(expectW) + "x" + std::to_string(expectH);
                std::string how = pre.expectedSize ? "preprocessing '" + pre.name + "' expects " + want
                                                   : "earlier images are " + want;
                throw Error(path + ": " + sizeString(d.image) + " image, but " + how +
                            " (use --resize/--crop to make sizes uniform)");
            }
            if (values.empty()) {
                const size_t bytes = size_t(n) * c * expectW * expectH * sizeof(float);
                if (maxBytes && bytes > maxBytes)
                    throw Error(folder.root() + ": " + std::to_string(n) + " images need " +
                                std::to_string(bytes >> 20) + " MiB, over the " +
                                std::to_string(maxBytes >> 20) + " MiB budget");
                values.reserve(size_t(n) * c * expectW * expectH);
            }
            // HWC float -> CHW normalised.
            const int64_t plane = expectW * expectH;
            const size_t base = values.size();
            values.resize(base + size_t(c * plane));
            std::vector<cv::Mat> channels;
            cv::split(d.image, channels);
            for (int ch = 0; ch < c; ++ch) {
                const float mean = pre.mean.size() == 1 ? pre.mean[0] : pre.mean[size_t(ch)];
                const float inv = 1.0f / (pre.std.size() == 1 ? pre.std[0] : pre.std[size_t(ch)]);
                const float* src = channels[size_t(ch)].ptr<float>();
                float* dst = values.data() + base + size_t(ch * plane);
                for (int64_t p = 0; p < plane; ++p)
                    dst[p] = (src[p] - mean) * inv;
            }
            set.labels.push_back(samples[size_t(i)].label);
            set.files.push_back(path);
        }
        if (progress)
            progress({stage, end, n});
    }
    if (set.labels.empty())
        throw Error(folder.root() + ": none of its " + std::to_string(n) + " images could be read (" +
                    set.skipped.front().describe() + ")");
    set.images.shape = {int64_t(set.labels.size()), c, expectH, expectW};
    set.images.values = std::move(values);
    return set;
}

} // namespace adaround
