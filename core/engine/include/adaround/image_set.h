#pragma once
// Decoded, preprocessed images in memory, with labels. Unreadable or corrupt
// files are skipped and counted; wrong sizes or channel counts are errors.
#include "adaround/host_tensor.h"
#include "adaround/image_folder.h"
#include "adaround/preprocess.h"
#include "adaround/progress.h"

#include <string>
#include <vector>

namespace adaround {

struct ImageSet {
    HostTensor images;                 // [N, C, H, W], normalised
    std::vector<int> labels;           // N
    std::vector<std::string> classes;  // from the folder
    std::vector<std::string> files;    // N paths, in order
    std::vector<std::string> skipped;  // "path: reason" for unreadable files

    size_t size() const { return labels.size(); }
};

// Loads every sample of FOLDER. Throws Error if no image can be read, or an image
// does not fit PRE (size without resize/crop, or mixed sizes). The estimated
// memory must stay under maxBytes (0 = no limit), checked before decoding.
ImageSet loadImages(const ImageFolder& folder, const Preprocess& pre,
                    const ProgressFn& progress = {}, size_t maxBytes = 0);

} // namespace adaround
