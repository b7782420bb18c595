#pragma once
// The model's classes in output order. A TorchScript model carries no class
// names, and an image folder's sorted subfolders give labels 0..n-1 only when
// it holds every class; so labels come from a class list (a file, --classes)
// or the calibration folder, and each folder is mapped to it by name.
#include <cstddef>
#include <string>
#include <vector>

namespace adaround {

// Largest class-list file read (ImageNet-21k's 21,841 names are ~0.5 MiB).
inline constexpr size_t kMaxClassListBytes = size_t(16) << 20;

// One class name per line, in the model's output order. A UTF-8 byte-order
// mark, CR before LF, whitespace around a name and blank lines are ignored.
// Throws Error "NAME:LINE: ..." for a duplicate name (naming the first line),
// invalid UTF-8 or a control character, and "NAME: ..." for a list without
// names.
std::vector<std::string> parseClassList(const std::string& text, const std::string& name);

// parseClassList on the bytes of PATH (a regular file, at most kMaxClassListBytes).
std::vector<std::string> readClassListFile(const std::string& path);

// Class names from a configuration: Error naming WHAT for an empty or
// duplicate name.
void checkClassNames(const std::vector<std::string>& names, const std::string& what);

// Where a run's labels come from, and which classes each folder held.
struct ClassMapping {
    std::vector<std::string> names; // the model's classes in output order: label = index
    std::string source;             // kClassSourceList, kClassSourceCalibration or kClassSourceFolder
    std::vector<int> calibClasses;  // indices into names of the calibration folder's subfolders (run)
    std::vector<int> evalClasses;   // indices into names of the evaluation folder's subfolders

    bool empty() const { return names.empty(); }
};

inline constexpr const char* kClassSourceList = "list";               // --classes FILE, config "classes"
inline constexpr const char* kClassSourceCalibration = "calibration"; // the calibration folder's sorted subfolders
inline constexpr const char* kClassSourceFolder = "folder";           // the folder's own sorted subfolders (all classes)

// "10 classes (from the class list); eval folder: 5 of them (5_Sandal, ...)": for log info.
std::string describeClassMapping(const ClassMapping& m);

} // namespace adaround
