#pragma once
// Top-1 / top-5 evaluation of a model on preprocessed images.
#include "adaround/accuracy_figures.h"
#include "adaround/image_set.h"
#include "adaround/image_stream.h"
#include "adaround/progress.h"

#include <cstdint>
#include <vector>

namespace adaround {

class Model;


// Throws Error if the model rejects the input (wrong size or channels) or its
// output count differs from the folder's class count (its class list's, if any).
Accuracy evaluate(Model& model, const ImageSet& data, int batchSize = 256,
                  const ProgressFn& progress = {});

// One pass over a stream: each batch goes through every model in turn, so the
// images are decoded once and only a few batches are ever in memory. The first
// batch is checked like checkInputFits (per model). Results in MODELS' order.
// PROGRESS gets {"evaluating", folder files read, files in the folder} after
// each batch; an exception it throws (a cancel) propagates untranslated.
struct StreamedAccuracy {
    std::vector<Accuracy> models;       // parallel to MODELS
    int64_t images = 0;                 // images evaluated
    std::vector<SkippedFile> skipped;   // unreadable files met on the way
};
StreamedAccuracy evaluateStream(const std::vector<Model*>& models, ImageStream& stream,
                                const ProgressFn& progress = {});

// Runs one image through the model to check it fits; throws Error naming the
// model, the input shape and torch's complaint, or naming --classes when the
// model's output count is not the number of classes the labels index.
void checkInputFits(Model& model, const ImageSet& data);

} // namespace adaround
