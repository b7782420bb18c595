#pragma once
// Decoded, preprocessed images in memory, with labels. Unreadable or corrupt
// files, files that are no PNG/JPEG/BMP (by their signature, whatever the
// extension) and images whose header claims over 50 megapixels are skipped
// and listed; wrong sizes or channel counts are errors.
#include "adaround/host_tensor.h"
#include "adaround/image_folder.h"
#include "adaround/preprocess.h"
#include "adaround/progress.h"
#include "adaround/skipped_file.h"

#include <string>
#include <vector>

namespace adaround {

struct ImageSet {
    HostTensor images;                 // [N, C, H, W], normalised
    std::vector<int> labels;           // N
    std::string root;                  // the folder
    std::vector<std::string> classes;  // the label space (ImageFolder::classes)
    std::vector<int> presentClasses;   // indices of the folder's subfolders
    std::string classOrigin;           // the class list's origin; "" = sorted subfolder positions
    std::vector<std::string> files;    // N paths, in order
    std::vector<SkippedFile> skipped;  // unreadable, not an image, or over 50 megapixels

    size_t size() const { return labels.size(); }
};

// Loads every sample of FOLDER. Throws Error if no image can be read, or an image
// does not fit PRE (size without resize/crop, or mixed sizes). The estimated
// memory must stay under maxBytes (0 = no limit), checked before decoding.
ImageSet loadImages(const ImageFolder& folder, const Preprocess& pre,
                    const ProgressFn& progress = {}, size_t maxBytes = 0);

} // namespace adaround
