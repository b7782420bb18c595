#pragma once
// The bench's inputs, made once into a cache folder and reused: ImageNet-like
// folders (10 class subfolders of 256x320 JPEGs with seeded random content) and
// torchvision models with random weights (exported by export_scale_models.py).
#include <string>

namespace bench {

constexpr int kClasses = 10;

// $XDG_CACHE_HOME (or ~/.cache)/adaround-workbench/bench-scale-v1
std::string defaultCacheDir();

// A folder of exactly COUNT images spread evenly over the classes; KIND "calib"
// or "eval" (different content). The first images of a class are the same at
// every COUNT. Made if absent or incomplete; throws std::runtime_error.
std::string imageFolder(const std::string& cache, const std::string& kind, int count);

// CACHE/models/NAME.pt (resnet18, resnet50: num_classes 10, scripted), exported
// with Debian's python3 if absent; throws std::runtime_error.
std::string modelFile(const std::string& cache, const std::string& name);

} // namespace bench
