#pragma once
// Top-1 / top-5 evaluation of a model on preprocessed images.
#include "adaround/accuracy_figures.h"
#include "adaround/image_set.h"
#include "adaround/progress.h"

#include <cstdint>

namespace adaround {

class Model;


// Throws Error if the model rejects the input (wrong size or channels) or its
// output has fewer classes than the folder.
Accuracy evaluate(Model& model, const ImageSet& data, int batchSize = 256,
                  const ProgressFn& progress = {});

// Runs one image through the model to check it fits; throws Error naming the
// model, the input shape and torch's complaint.
void checkInputFits(Model& model, const ImageSet& data);

} // namespace adaround
