#pragma once
// Top-1 / top-5 evaluation of a model on preprocessed images.
#include "adaround/accuracy_figures.h"
#include "adaround/image_set.h"
#include "adaround/progress.h"

#include <cstdint>

namespace adaround {

class Model;


// Throws Error if the model rejects the input (wrong size or channels) or its
// output count differs from the folder's class count (its class list's, if any).
Accuracy evaluate(Model& model, const ImageSet& data, int batchSize = 256,
                  const ProgressFn& progress = {});

// Runs one image through the model to check it fits; throws Error naming the
// model, the input shape and torch's complaint, or naming --classes when the
// model's output count is not the number of classes the labels index.
void checkInputFits(Model& model, const ImageSet& data);

} // namespace adaround
