#include "adaround/image_stream.h"

#include "adaround/error.h"
#include "image_decode_p.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

namespace adaround {
namespace {

// One file, decoded and normalised by a worker (CHW), or why it was not.
struct DecodedFile {
    std::vector<float> values;
    int64_t width = 0, height = 0;
    std::string error;
    bool fatal = false;
};

// Consecutive files one worker decodes: few enough that the workers share a
// batch and the memory bound is met closely.
struct Chunk {
    int64_t start = 0;
    std::vector<DecodedFile> files;
};
constexpr int64_t kMaxChunk = 32;

// What next() hands out, in order: a batch, or the end (with an error, if any).
// Files skipped before it travel with it, so skipped() stays the consumer's.
struct Entry {
    std::optional<ImageBatch> batch;
    std::vector<SkippedFile> skipped;
    std::string error;
};

} // namespace

struct ImageStream::Impl {
    ImageFolder folder;
    Preprocess pre;
    StreamOptions options;
    int64_t capacity = 0; // files claimed and not yet handed out, at most
    int64_t chunk = 1;

    std::mutex m;
    std::condition_variable workCv;  // workers: room to claim, or stop
    std::condition_variable readyCv; // consumer: an entry is ready
    std::atomic<bool> stop{false};
    bool closed = false;         // the end (or an error) is queued; claim nothing more
    int64_t nextClaim = 0;       // first file no worker has claimed
    int64_t held = 0;            // files claimed, not yet skipped or handed out
    std::map<int64_t, Chunk> done; // decoded chunks waiting for earlier ones
    int64_t nextAssemble = 0;    // first file not yet placed in a batch
    ImageBatch building;         // the batch being filled, in folder order
    int64_t imagesPlaced = 0;
    std::vector<SkippedFile> skippedPending; // since the last queued entry
    std::deque<Entry> ready;
    ImageSizeCheck size{pre};

    // Consumer side only.
    std::vector<SkippedFile> skipped;
    bool ended = false;
    std::string endError;

    std::vector<std::thread> workers;

    Impl(const ImageFolder& f, const Preprocess& p, StreamOptions o) : folder(f), pre(p), options(o) {}

    int64_t files() const { return int64_t(folder.samples().size()); }
    void work();
    DecodedFile decode(int64_t index) const;
    void decodeInto(DecodedFile& f, int64_t index) const;
    void assemble(); // under m
    void place(DecodedFile& file, int64_t index);
    void queue(std::optional<ImageBatch> batch, std::string error = {});
    void close(std::string error = {});
};

DecodedFile ImageStream::Impl::decode(int64_t index) const
{
    DecodedFile f;
    try {
        decodeInto(f, index);
    } catch (const std::bad_alloc&) { // an exception must not leave the thread
        f.error = "out of memory decoding the image";
        f.fatal = true;
    } catch (const std::exception& e) {
        f.error = e.what();
        f.fatal = true;
    }
    return f;
}

void ImageStream::Impl::decodeInto(DecodedFile& f, int64_t index) const
{
    DecodedImage d = decodeImage(folder.samples()[size_t(index)].path, pre);
    f.error = std::move(d.error);
    f.fatal = d.fatal;
    if (f.error.empty()) {
        f.width = d.image.cols;
        f.height = d.image.rows;
        f.values.resize(size_t(pre.channels * f.width * f.height));
        writeNormalised(d.image, pre, f.values.data());
    }
}

void ImageStream::Impl::work()
{
    std::unique_lock<std::mutex> lock(m);
    for (;;) {
        workCv.wait(lock, [&] { return stop || closed || nextClaim >= files() || held < capacity; });
        if (stop || closed || nextClaim >= files())
            return;
        Chunk c;
        c.start = nextClaim;
        const int64_t count = std::min({chunk, capacity - held, files() - nextClaim});
        nextClaim += count;
        held += count;
        lock.unlock();
        c.files.reserve(size_t(count));
        for (int64_t i = 0; i < count; ++i) {
            if (stop) // destruction mid-stream: drop the chunk
                return;
            c.files.push_back(decode(c.start + i));
        }
        lock.lock();
        try {
            done.emplace(c.start, std::move(c));
            assemble();
        } catch (const std::exception& e) { // bad_alloc: an exception must not leave the thread
            close(std::string("decoding images: ") + e.what());
        }
    }
}

void ImageStream::Impl::queue(std::optional<ImageBatch> batch, std::string error)
{
    ready.push_back({std::move(batch), std::move(skippedPending), std::move(error)});
    skippedPending.clear();
    readyCv.notify_one();
}

// Queues the end, or ERROR to be thrown from next(), and stops the workers.
void ImageStream::Impl::close(std::string error)
{
    queue(std::nullopt, std::move(error));
    closed = true;
    workCv.notify_all();
}

// Appends FILE (folder sample INDEX) to the batch being built; a fatal or
// wrong-size image queues the error and stops the stream there.
void ImageStream::Impl::place(DecodedFile& file, int64_t index)
{
    const ImageSample& sample = folder.samples()[size_t(index)];
    if (!file.error.empty()) {
        if (file.fatal)
            return close(sample.path + ": " + file.error);
        skippedPending.push_back({sample.path, file.error});
        --held;
        workCv.notify_one();
        return;
    }
    try {
        size.check(file.width, file.height, sample.path);
    } catch (const Error& e) {
        return close(e.what());
    }
    const size_t per = file.values.size();
    if (building.labels.empty())
        building.images.values.resize(size_t(options.batchSize) * per);
    std::memcpy(building.images.values.data() + building.labels.size() * per, file.values.data(),
                per * sizeof(float));
    building.labels.push_back(sample.label);
    building.files.push_back(sample.path);
    ++imagesPlaced;
    if (int(building.labels.size()) == options.batchSize) {
        building.filesRead = index + 1;
        building.images.shape = {options.batchSize, pre.channels, size.height(), size.width()};
        queue(std::exchange(building, {}));
    }
}

void ImageStream::Impl::assemble()
{
    for (auto it = done.find(nextAssemble); it != done.end() && !closed; it = done.find(nextAssemble)) {
        Chunk c = std::move(it->second);
        done.erase(it);
        for (size_t i = 0; i < c.files.size() && !closed; ++i)
            place(c.files[i], c.start + int64_t(i));
        nextAssemble += int64_t(c.files.size());
    }
    if (closed || nextAssemble != files())
        return;
    if (const int64_t n = int64_t(building.labels.size())) { // the last, partial batch
        building.filesRead = files();
        building.images.shape = {n, pre.channels, size.height(), size.width()};
        building.images.values.resize(size_t(building.images.numel()));
        queue(std::exchange(building, {}));
    }
    if (imagesPlaced == 0)
        return close(noImageReadable(folder.root(), files(), skippedPending.front().describe()));
    close();
}

ImageStream::ImageStream(const ImageFolder& folder, const Preprocess& pre, StreamOptions options)
    : d(std::make_unique<Impl>(folder, pre, options))
{
    pre.validate();
    if (options.batchSize < 1 || options.prefetchBatches < 1 || options.threads < 0)
        throw Error("image stream: batch size and prefetch must be at least 1, threads at least 0");
    int threads = options.threads;
    if (threads == 0)
        threads = int(std::max(1u, std::min(2u, std::thread::hardware_concurrency())));
    d->capacity = int64_t(options.batchSize) * options.prefetchBatches;
    d->chunk = std::clamp<int64_t>(options.batchSize / (2 * threads), 1, kMaxChunk);
    if (d->files() == 0) {
        d->close(noImageReadable(folder.root(), 0, ""));
        return;
    }
    try {
        for (int i = 0; i < threads; ++i)
            d->workers.emplace_back([this] { d->work(); });
    } catch (...) { // no thread could start: the ones that did must not outlive us
        stopWorkers();
        throw;
    }
}

ImageStream::~ImageStream() { stopWorkers(); }

void ImageStream::stopWorkers()
{
    {
        std::lock_guard<std::mutex> lock(d->m);
        d->stop = true;
    }
    d->workCv.notify_all();
    for (std::thread& t : d->workers)
        t.join();
}

std::optional<ImageBatch> ImageStream::next()
{
    std::unique_lock<std::mutex> lock(d->m);
    if (!d->ended) {
        d->readyCv.wait(lock, [&] { return !d->ready.empty(); });
        Entry e = std::move(d->ready.front());
        d->ready.pop_front();
        d->skipped.insert(d->skipped.end(), e.skipped.begin(), e.skipped.end());
        if (e.batch) {
            d->held -= int64_t(e.batch->labels.size());
            d->workCv.notify_all();
            return std::move(e.batch);
        }
        d->ended = true;
        d->endError = std::move(e.error);
    }
    if (!d->endError.empty())
        throw Error(d->endError);
    return std::nullopt;
}

int64_t ImageStream::files() const { return d->files(); }
const std::vector<SkippedFile>& ImageStream::skipped() const { return d->skipped; }
const std::string& ImageStream::root() const { return d->folder.root(); }
const std::vector<std::string>& ImageStream::classes() const { return d->folder.classes(); }
const std::string& ImageStream::classOrigin() const { return d->folder.classOrigin(); }

} // namespace adaround
