#pragma once
// One image file to normalised CHW floats, shared by loadImages (whole folder
// in memory) and ImageStream (batches on worker threads), so both skip, refuse
// and preprocess exactly alike.
#include "adaround/preprocess.h"

#include <opencv2/core.hpp>

#include <cstdint>
#include <string>

namespace adaround {

struct DecodedImage {
    cv::Mat image;      // preprocessed, CV_32FC(channels), before normalisation
    std::string error;  // unreadable file: skipped and listed
    bool fatal = false; // the file is fine but does not fit the preprocessing
};

// Reads, checks the header, decodes, converts colour, resizes (shorter side)
// and centre-crops PATH. Never throws: a library exception is a fatal error.
DecodedImage decodeImage(const std::string& path, const Preprocess& pre);

// The size every image must have: PRE's output size, else the first image's.
class ImageSizeCheck {
public:
    explicit ImageSizeCheck(const Preprocess& pre);
    // Throws Error naming PATH when a WIDTHxHEIGHT image is not the expected size.
    void check(int64_t width, int64_t height, const std::string& path);
    int64_t width() const { return width_; }
    int64_t height() const { return height_; }

private:
    const Preprocess& pre_;
    int64_t width_ = 0, height_ = 0;
};

// IMAGE (HWC float) to CHW at DST, normalised by PRE's mean and std.
void writeNormalised(const cv::Mat& image, const Preprocess& pre, float* dst);

// The message of the Error thrown when none of a folder's N samples was readable.
std::string noImageReadable(const std::string& root, int64_t n, const std::string& firstSkipped);

} // namespace adaround
