#pragma once
// One image of a folder, decoded before any bulk loading: for the input check
// (checkInputFits) and the memory plan of a run or a study.
#include "adaround/image_folder.h"
#include "adaround/image_set.h"
#include "adaround/preprocess.h"

namespace adaround {

// The first readable image of FOLDER. Unreadable files are skipped as the bulk
// load skips them; an image that does not fit the preprocessing is an error at
// once, and so is a folder with no readable image.
ImageSet probeImage(const ImageFolder& folder, const Preprocess& pre);

} // namespace adaround
