#pragma once
// An image folder in torchvision's ImageFolder convention: one subfolder per
// class, class index = position of the folder name in sorted order.
#include <string>
#include <vector>

namespace adaround {

struct ImageSample {
    std::string path;
    int label = 0;
};

class ImageFolder {
public:
    // Scans DIR. Files with image extensions (.png .jpg .jpeg .bmp, any case) in
    // class subfolders are samples; other files are counted as ignored. Throws
    // Error for a missing folder, no class subfolders, or no images at all.
    static ImageFolder scan(const std::string& dir);

    const std::string& root() const { return root_; }
    const std::vector<std::string>& classes() const { return classes_; }
    const std::vector<ImageSample>& samples() const { return samples_; }
    int ignoredFiles() const { return ignored_; }

    // The same folder restricted to the given sample indices (order kept as given).
    ImageFolder subset(const std::vector<size_t>& indices) const;

private:
    std::string root_;
    std::vector<std::string> classes_;
    std::vector<ImageSample> samples_;
    int ignored_ = 0;
};

} // namespace adaround
