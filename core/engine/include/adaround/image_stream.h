#pragma once
// A folder's images decoded in batches on worker threads, a bounded number of
// batches ahead of the consumer, so evaluation never holds the whole folder in
// memory. Batches hold the readable images in folder order, each full (batch
// size) except the last: the same batches loadImages() + fixed-size slicing
// gives, so streamed and in-memory evaluation agree bitwise. Unreadable files
// are skipped and listed exactly as loadImages() does; an image that does not
// fit the preprocessing (wrong size) is an Error, as there.
#include "adaround/host_tensor.h"
#include "adaround/image_folder.h"
#include "adaround/preprocess.h"
#include "adaround/skipped_file.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace adaround {

struct ImageBatch {
    HostTensor images;              // [n, C, H, W], normalised
    std::vector<int> labels;        // n
    std::vector<std::string> files; // n paths
    int64_t filesRead = 0;          // folder samples consumed so far, skipped ones included (progress)
};

struct StreamOptions {
    int batchSize = 256;
    int prefetchBatches = 2; // decoded batches waiting at most (bounds memory)
    int threads = 0;         // decoding threads; 0 = min(2, hardware threads)
};

class ImageStream {
public:
    ImageStream(const ImageFolder& folder, const Preprocess& pre, StreamOptions options = {});
    ~ImageStream(); // stops and joins the workers (safe mid-stream)
    ImageStream(const ImageStream&) = delete;
    ImageStream& operator=(const ImageStream&) = delete;

    // The next batch; nullopt after the last. Throws Error for an image that does
    // not fit the preprocessing, or when no image of the folder was readable.
    std::optional<ImageBatch> next();

    int64_t files() const;                      // samples in the folder
    const std::vector<SkippedFile>& skipped() const; // so far, in folder order
    const std::string& root() const;
    // The folder's label space and its origin (ImageFolder::classes, classOrigin),
    // for the class-count check of evaluateStream.
    const std::vector<std::string>& classes() const;
    const std::string& classOrigin() const;

private:
    void stopWorkers();
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace adaround
