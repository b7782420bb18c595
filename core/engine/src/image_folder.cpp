#include "adaround/image_folder.h"

#include "adaround/error.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace adaround {
namespace fs = std::filesystem;

namespace {

bool hasImageExtension(const fs::path& p)
{
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".bmp";
}

} // namespace

ImageFolder ImageFolder::scan(const std::string& dir)
{
    std::error_code ec;
    if (!fs::exists(dir, ec))
        throw Error(dir + ": no such folder");
    if (!fs::is_directory(dir, ec))
        throw Error(dir + ": not a folder (expected one subfolder per class)");

    ImageFolder folder;
    folder.root_ = dir;
    int looseFiles = 0;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (entry.is_directory(ec)) {
            folder.classes_.push_back(entry.path().filename().string());
        } else {
            ++looseFiles;
        }
    }
    if (ec)
        throw Error(dir + ": cannot list folder (" + ec.message() + ")");
    if (folder.classes_.empty())
        throw Error(dir + (looseFiles ? ": has no class subfolders (images must sit in one subfolder per class)"
                                      : ": empty folder (expected one subfolder per class)"));
    std::sort(folder.classes_.begin(), folder.classes_.end());
    folder.ignored_ = looseFiles;

    for (size_t label = 0; label < folder.classes_.size(); ++label) {
        std::vector<std::string> files;
        const fs::path classDir = fs::path(dir) / folder.classes_[label];
        for (const auto& entry : fs::recursive_directory_iterator(classDir, ec)) {
            if (!entry.is_regular_file(ec))
                continue;
            if (hasImageExtension(entry.path()))
                files.push_back(entry.path().string());
            else
                ++folder.ignored_;
        }
        std::sort(files.begin(), files.end());
        for (auto& f : files)
            folder.samples_.push_back({std::move(f), int(label)});
    }
    if (folder.samples_.empty())
        throw Error(dir + ": no images (.png, .jpg, .jpeg, .bmp) in its " +
                    std::to_string(folder.classes_.size()) + " class subfolders");
    return folder;
}

ImageFolder ImageFolder::subset(const std::vector<size_t>& indices) const
{
    ImageFolder out;
    out.root_ = root_;
    out.classes_ = classes_;
    out.samples_.reserve(indices.size());
    for (size_t i : indices)
        out.samples_.push_back(samples_.at(i));
    return out;
}

} // namespace adaround
