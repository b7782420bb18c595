#include "adaround/image_set.h"

#include "adaround/error.h"
#include "image_decode_p.h"

#include <opencv2/core.hpp>

#include <algorithm>

namespace adaround {

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
    ImageSizeCheck size(pre);
    std::vector<float> values;

    const int64_t chunk = 512;
    for (int64_t start = 0; start < n; start += chunk) {
        const int64_t end = std::min(n, start + chunk);
        std::vector<DecodedImage> decoded(size_t(end - start));
        cv::parallel_for_(cv::Range(int(start), int(end)), [&](const cv::Range& r) {
            for (int i = r.start; i < r.end; ++i)
                decoded[size_t(i - start)] = decodeImage(samples[size_t(i)].path, pre);
        });
        for (int64_t i = start; i < end; ++i) {
            DecodedImage& d = decoded[size_t(i - start)];
            const std::string& path = samples[size_t(i)].path;
            if (!d.error.empty()) {
                if (d.fatal)
                    throw Error(path + ": " + d.error);
                set.skipped.push_back({path, d.error});
                continue;
            }
            size.check(d.image.cols, d.image.rows, path);
            const size_t per = size_t(c * size.width() * size.height());
            if (values.empty()) {
                const size_t bytes = size_t(n) * per * sizeof(float);
                if (maxBytes && bytes > maxBytes)
                    throw Error(folder.root() + ": " + std::to_string(n) + " images need " +
                                std::to_string(bytes >> 20) + " MiB, over the " +
                                std::to_string(maxBytes >> 20) + " MiB budget");
                values.reserve(size_t(n) * per);
            }
            const size_t base = values.size();
            values.resize(base + per);
            writeNormalised(d.image, pre, values.data() + base);
            set.labels.push_back(samples[size_t(i)].label);
            set.files.push_back(path);
        }
        if (progress)
            progress({stage, end, n});
    }
    if (set.labels.empty())
        throw Error(noImageReadable(folder.root(), n, set.skipped.front().describe()));
    set.images.shape = {int64_t(set.labels.size()), c, size.height(), size.width()};
    set.images.values = std::move(values);
    return set;
}

} // namespace adaround
