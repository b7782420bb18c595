// The image path before OpenCV: the signature must be PNG, JPEG or BMP and
// match the extension, and the header's size bounds what decoding may take.
// When the bytes pass and OpenCV is linked (ADAROUND_FUZZ_DECODE), the decoded
// image must have the size the header claimed: otherwise the bound is void.
#include "fuzz_check.h"
#include "image_header_p.h"

#include <cstdint>
#include <string>

#ifdef ADAROUND_FUZZ_DECODE
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#endif

using namespace adaround;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    // The first byte names the file, the rest is its content.
    static const char* const kNames[] = {"a/x.png", "a/x.jpg", "a/x.jpeg", "a/x.bmp", "a/X.PNG", "a/x.JPG",
                                         "a/x.txt", "a/x",     "a.png/x",  "a/.bmp"};
    const std::string name = kNames[data[0] % (sizeof kNames / sizeof kNames[0])];
    const std::string bytes(reinterpret_cast<const char*>(data + 1), size - 1);

    const ImageHeader header = readImageHeader(bytes);
    FUZZ_CHECK(header.width >= 0 && header.height >= 0);
    const std::string problem = imageFileProblem(bytes, name);
    if (!problem.empty()) {
        FUZZ_CHECK_ONE_LINE(problem);
        return 0;
    }
    FUZZ_CHECK(header.format != ImageFormat::Unknown && header.format == formatOfExtension(name));
    FUZZ_CHECK(header.width > 0 && header.height > 0 && header.width * header.height <= kMaxImagePixels);
#ifdef ADAROUND_FUZZ_DECODE
    // Small claims only: a fuzzer makes many valid-looking 7000x7000 headers.
    if (header.width * header.height > (int64_t(1) << 20))
        return 0;
    cv::Mat img;
    try {
        img = cv::imdecode(cv::Mat(1, int(bytes.size()), CV_8UC1, const_cast<char*>(bytes.data())),
                           cv::IMREAD_GRAYSCALE);
    } catch (const cv::Exception&) {
        return 0;
    }
    if (!img.empty()) {
        if (img.cols != header.width || img.rows != header.height)
            std::fprintf(stderr, "header %lldx%lld, decoded %dx%d\n", (long long)header.width,
                         (long long)header.height, img.cols, img.rows);
        FUZZ_CHECK(img.cols == header.width && img.rows == header.height);
    }
#endif
    return 0;
}
