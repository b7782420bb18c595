#include "adaround/image_folder.h"

#include "adaround/error.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <unordered_map>

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

ImageFolder ImageFolder::scan(const std::string& dir, const ClassList& list)
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

    // Each subfolder's label: its place in the class list, or in sorted order.
    const std::vector<std::string> subfolders = folder.classes_;
    std::vector<int> labels(subfolders.size());
    for (size_t i = 0; i < subfolders.size(); ++i)
        labels[i] = int(i);
    if (!list.names.empty()) {
        std::unordered_map<std::string, int> index;
        for (size_t i = 0; i < list.names.size(); ++i)
            index.emplace(list.names[i], int(i));
        for (size_t i = 0; i < subfolders.size(); ++i) {
            const auto it = index.find(subfolders[i]);
            if (it == index.end())
                throw Error((fs::path(dir) / subfolders[i]).string() + ": class folder '" + subfolders[i] +
                            "' is not one of the " + std::to_string(list.names.size()) + " classes of " +
                            list.origin + " (--classes FILE names the model's classes in output order; in "
                            "the workbench: Class list)");
            labels[i] = it->second;
        }
        folder.classes_ = list.names;
        folder.origin_ = list.origin;
    }
    folder.present_ = labels;
    std::sort(folder.present_.begin(), folder.present_.end());

    for (size_t k = 0; k < subfolders.size(); ++k) {
        std::vector<std::string> files;
        const fs::path classDir = fs::path(dir) / subfolders[k];
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
            folder.samples_.push_back({std::move(f), labels[k]});
    }
    if (folder.samples_.empty())
        throw Error(dir + ": no images (.png, .jpg, .jpeg, .bmp) in its " +
                    std::to_string(subfolders.size()) + " class subfolders");
    return folder;
}

ImageFolder ImageFolder::subset(const std::vector<size_t>& indices) const
{
    ImageFolder out;
    out.root_ = root_;
    out.classes_ = classes_;
    out.present_ = present_;
    out.origin_ = origin_;
    out.samples_.reserve(indices.size());
    for (size_t i : indices)
        out.samples_.push_back(samples_.at(i));
    return out;
}

} // namespace adaround
