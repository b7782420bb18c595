#pragma once
// An image folder in torchvision's ImageFolder convention: one subfolder per
// class. Without a class list, class index = position of the folder name in
// sorted order (right only when the folder holds every class of the model);
// with one (the model's classes in output order), index = position of the
// folder name in the list, so a folder may hold any subset of the classes.
#include <string>
#include <vector>

namespace adaround {

struct ImageSample {
    std::string path;
    int label = 0;
};

// The model's class names in output order, and where they come from ("the class
// list classes.txt (--classes)"), for messages.
struct ClassList {
    std::vector<std::string> names;
    std::string origin;
};

class ImageFolder {
public:
    // Scans DIR. Files with image extensions (.png .jpg .jpeg .bmp, any case) in
    // class subfolders are samples; other files are counted as ignored. Throws
    // Error for a missing folder, no class subfolders, or no images at all; with
    // a non-empty LIST, also for a subfolder whose name is not in it.
    static ImageFolder scan(const std::string& dir, const ClassList& list = {});

    const std::string& root() const { return root_; }
    // The label space: LIST's names, or the sorted subfolder names.
    const std::vector<std::string>& classes() const { return classes_; }
    // Indices into classes() of the subfolders found, ascending.
    const std::vector<int>& presentClasses() const { return present_; }
    // LIST's origin; "" when the labels are the sorted subfolder positions.
    const std::string& classOrigin() const { return origin_; }
    const std::vector<ImageSample>& samples() const { return samples_; }
    int ignoredFiles() const { return ignored_; }

    // The same folder restricted to the given sample indices (order kept as given).
    ImageFolder subset(const std::vector<size_t>& indices) const;

private:
    std::string root_;
    std::vector<std::string> classes_;
    std::vector<int> present_;
    std::string origin_;
    std::vector<ImageSample> samples_;
    int ignored_ = 0;
};

} // namespace adaround
