// Streaming evaluation (image_stream.h, evaluateStream) against the in-memory
// path (loadImages + evaluate) on the small demo eval set (300 real test
// images) and on small folders made here: the same batches bitwise, the same
// figures and skipped files, errors thrown from next(), and shutdown that
// neither hangs nor waits for the whole folder. The full 10,000 are compared in
// demo_accuracy_test.cpp (label slow).
#include "adaround/accuracy.h"
#include "adaround/error.h"
#include "adaround/image_folder.h"
#include "adaround/image_set.h"
#include "adaround/image_stream.h"
#include "adaround/model.h"
#include "adaround/rtn.h"
#include "adaround/rtn_comparison.h"
#include "test_support.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <chrono>

using namespace adaround;
using namespace testsupport;

namespace {

const ImageSet& smallSet()
{
    static const ImageSet set = loadImages(ImageFolder::scan(smallEvalDir()), Preprocess::preset("fmnist"));
    return set;
}

StreamOptions withBatch(int batchSize, int prefetch = 2, int threads = 0)
{
    StreamOptions o;
    o.batchSize = batchSize;
    o.prefetchBatches = prefetch;
    o.threads = threads;
    return o;
}

void writeImage(const std::string& path, int w, int h, int value)
{
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    ASSERT_TRUE(cv::imwrite(path, cv::Mat(h, w, CV_8UC1, cv::Scalar(value)))) << path;
}

std::vector<std::string> describe(const std::vector<SkippedFile>& files)
{
    std::vector<std::string> out;
    for (const SkippedFile& f : files)
        out.push_back(f.describe());
    return out;
}

struct StopHere {}; // not a std::exception, like the run's cancel signal

} // namespace

// Batch sizes that divide 300 and do not, one thread and two, a prefetch of one.
TEST(ImageStream, BatchesAreLoadImagesSlicedByBatchSizeBitwise)
{
    const ImageSet& set = smallSet();
    const int64_t per = set.images.shape[1] * set.images.shape[2] * set.images.shape[3];
    for (const StreamOptions& o : {withBatch(256), withBatch(100), withBatch(7, 1, 1), withBatch(1, 3, 2)}) {
        SCOPED_TRACE("batch " + std::to_string(o.batchSize) + ", prefetch " + std::to_string(o.prefetchBatches));
        ImageStream stream(ImageFolder::scan(smallEvalDir()), Preprocess::preset("fmnist"), o);
        EXPECT_EQ(stream.files(), kSmallEvalImages);
        int64_t start = 0, batches = 0;
        while (std::optional<ImageBatch> b = stream.next()) {
            const int64_t n = int64_t(b->labels.size());
            ASSERT_EQ(n, std::min<int64_t>(o.batchSize, kSmallEvalImages - start)) << "only the last may be short";
            ASSERT_EQ(b->images.shape, (std::vector<int64_t>{n, 1, 28, 28}));
            ASSERT_EQ(int64_t(b->images.values.size()), n * per);
            EXPECT_TRUE(std::equal(b->images.values.begin(), b->images.values.end(),
                                   set.images.values.begin() + start * per))
                << "batch " << batches;
            EXPECT_TRUE(std::equal(b->labels.begin(), b->labels.end(), set.labels.begin() + start));
            EXPECT_TRUE(std::equal(b->files.begin(), b->files.end(), set.files.begin() + start));
            start += n;
            EXPECT_EQ(b->filesRead, start); // no skipped files here
            ++batches;
        }
        EXPECT_EQ(start, kSmallEvalImages);
        EXPECT_EQ(batches, (kSmallEvalImages + o.batchSize - 1) / o.batchSize);
        EXPECT_FALSE(stream.next()) << "stays ended";
        EXPECT_TRUE(stream.skipped().empty());
    }
}

TEST(EvaluateStream, EqualsInMemoryEvaluationForBothModelsInOnePass)
{
    auto fp = Model::load(demoModel("fmnist_mobilenet"));
    fp->foldBatchNorm();
    auto rtn = fp->clone();
    applyRoundToNearest(*rtn, resolveBits(rtn->layers(), {3, 8, {}}), QuantSpec{});
    for (int batch : {256, 100, 33}) {
        SCOPED_TRACE("batch " + std::to_string(batch));
        const Accuracy memFp = evaluate(*fp, smallSet(), batch), memRtn = evaluate(*rtn, smallSet(), batch);
        ImageStream stream(ImageFolder::scan(smallEvalDir()), Preprocess::preset("fmnist"), withBatch(batch));
        std::vector<Progress> calls;
        const StreamedAccuracy s =
            evaluateStream({fp.get(), rtn.get()}, stream, [&](const Progress& p) { calls.push_back(p); });
        EXPECT_EQ(s.images, kSmallEvalImages);
        ASSERT_EQ(s.models.size(), 2u);
        for (const auto& [streamed, inMemory] : {std::pair{s.models[0], memFp}, std::pair{s.models[1], memRtn}}) {
            EXPECT_EQ(streamed.count, inMemory.count);
            EXPECT_EQ(streamed.top1, inMemory.top1); // the same hits: the same logits
            EXPECT_EQ(streamed.top5, inMemory.top5);
        }
        EXPECT_NE(s.models[0].top1, s.models[1].top1) << "3-bit RTN should move some images";
        ASSERT_EQ(int64_t(calls.size()), (kSmallEvalImages + batch - 1) / batch) << "one call per batch";
        EXPECT_EQ(calls.back().done, kSmallEvalImages);
        EXPECT_EQ(calls.back().total, kSmallEvalImages);
        EXPECT_TRUE(s.skipped.empty());
    }
}

// The rtn job (adaround-cli rtn) evaluates both models in one streamed pass:
// its figures are the in-memory ones.
TEST(EvaluateStream, RtnJobFiguresEqualInMemoryEvaluation)
{
    RtnRequest r;
    r.modelPath = demoModel("fmnist_cnn");
    r.evalDir = smallEvalDir();
    r.bits = {3, 8, {}};
    r.batchSize = 64;
    const RtnReport rep = compareRoundToNearest(r);
    auto fp = Model::load(r.modelPath);
    fp->foldBatchNorm();
    auto rtn = fp->clone();
    applyRoundToNearest(*rtn, resolveBits(rtn->layers(), r.bits), r.quant);
    const Accuracy memFp = evaluate(*fp, smallSet(), 64), memRtn = evaluate(*rtn, smallSet(), 64);
    EXPECT_EQ(rep.evalImages, kSmallEvalImages);
    EXPECT_EQ(rep.fp32.top1, memFp.top1);
    EXPECT_EQ(rep.fp32.top5, memFp.top5);
    EXPECT_EQ(rep.rtn.top1, memRtn.top1);
    EXPECT_EQ(rep.rtn.top5, memRtn.top5);
    EXPECT_EQ(rep.rtn.count, kSmallEvalImages);
}

// The rtn job's budget now bounds the batches in flight, not the folder.
TEST(EvaluateStream, RtnJobRefusesBatchesOverTheBudget)
{
    RtnRequest r;
    r.modelPath = demoModel("fmnist_cnn");
    r.evalDir = smallEvalDir();
    r.bits = {4, 8, {}};
    r.memoryBudget = size_t(1) << 20; // 4 batches of 256 28x28 images are 3 MiB
    EXPECT_ERROR_CONTAINS(compareRoundToNearest(r), "256 images", "MiB budget", "--batch");
    r.batchSize = 32;
    EXPECT_EQ(compareRoundToNearest(r).evalImages, kSmallEvalImages);
}

TEST(ImageStream, SkipsUnreadableFilesLikeLoadImages)
{
    TempDir dir("stream-skip");
    for (int i = 0; i < 9; ++i)
        writeImage(dir / ("a/" + std::to_string(i) + ".png"), 28, 28, 20 * i);
    writeBytes(dir / "a/3x.png", "\x89PNG\r\n\x1a\n garbage");
    writeBytes(dir / "b/empty.jpg", "");
    writeBytes(dir / "b/notes.png", "just some text, long enough to look like something");
    writeImage(dir / "b/ok.png", 28, 28, 99);
    writeBytes(dir / "b/zlast.bmp", "BMnot really a bitmap"); // skipped after the last image
    const ImageFolder folder = ImageFolder::scan(dir.path());
    const ImageSet set = loadImages(folder, Preprocess::preset("fmnist"));
    ASSERT_EQ(set.size(), 10u);
    ASSERT_EQ(set.skipped.size(), 4u);
    for (int batch : {1, 3, 4, 10, 64}) {
        SCOPED_TRACE("batch " + std::to_string(batch));
        ImageStream stream(folder, Preprocess::preset("fmnist"), withBatch(batch, 1));
        std::vector<std::string> files;
        std::vector<float> values;
        while (std::optional<ImageBatch> b = stream.next()) {
            files.insert(files.end(), b->files.begin(), b->files.end());
            values.insert(values.end(), b->images.values.begin(), b->images.values.end());
            EXPECT_LE(int64_t(b->labels.size()), batch);
            EXPECT_LE(b->filesRead, stream.files());
        }
        EXPECT_EQ(files, set.files);
        EXPECT_EQ(values, set.images.values);
        EXPECT_EQ(describe(stream.skipped()), describe(set.skipped));
    }
    auto model = Model::load(demoModel("fmnist_cnn"));
    ImageStream stream(folder, Preprocess::preset("fmnist"), withBatch(4));
    EXPECT_ERROR_CONTAINS(evaluateStream({model.get()}, stream), "2 class folders", "10 outputs", "--classes");
}

TEST(ImageStream, NoReadableImageIsAnErrorFromNext)
{
    TempDir dir("stream-none");
    writeBytes(dir / "a/x.png", "not a png");
    writeBytes(dir / "a/y.png", "");
    ImageStream stream(ImageFolder::scan(dir.path()), Preprocess::preset("fmnist"), withBatch(8));
    EXPECT_ERROR_CONTAINS(stream.next(), "none of its 2 images could be read", "x.png");
    EXPECT_EQ(stream.skipped().size(), 2u);
    EXPECT_ERROR_CONTAINS(stream.next(), "none of its 2 images"); // and stays so
}

// The batches before the image are still delivered; the error then is the one
// loadImages throws.
TEST(ImageStream, WrongSizeImageThrowsFromNext)
{
    TempDir dir("stream-size");
    for (int i = 0; i < 6; ++i)
        writeImage(dir / ("a/" + std::to_string(i) + ".png"), 28, 28, 10);
    writeImage(dir / "a/7big.png", 32, 32, 10);
    writeImage(dir / "a/8.png", 28, 28, 10);
    const ImageFolder folder = ImageFolder::scan(dir.path());
    std::string expected;
    try {
        loadImages(folder, Preprocess::preset("fmnist"));
    } catch (const Error& e) {
        expected = e.what();
    }
    ASSERT_NE(expected.find("7big.png"), std::string::npos) << expected;
    ImageStream stream(folder, Preprocess::preset("fmnist"), withBatch(3));
    ASSERT_TRUE(stream.next());
    ASSERT_TRUE(stream.next());
    EXPECT_ERROR_CONTAINS(stream.next(), expected);
    EXPECT_ERROR_CONTAINS(stream.next(), "7big.png");

    Preprocess crop = Preprocess::preset("fmnist");
    crop.resize = 0;
    crop.crop = 30; // a 28x28 image is smaller than the crop: fatal, not skipped
    crop.expectedSize = 0;
    ImageStream cropped(folder, crop, withBatch(4));
    EXPECT_ERROR_CONTAINS(cropped.next(), "0.png", "smaller than the 30x30 crop");
}

// Destroying a stream after its first batch takes a fraction of decoding the
// folder: the workers stop at the next image, not at the end.
TEST(ImageStream, DestroyedMidStreamReturnsPromptly)
{
    using Clock = std::chrono::steady_clock;
    const ImageFolder folder = ImageFolder::scan(calibDir()); // 1,024 images
    const Preprocess big = PreprocessOverrides{-1, 224, 224, {}, {}}.applyTo(Preprocess::preset("fmnist"));
    auto t0 = Clock::now();
    int64_t images = 0;
    {
        ImageStream all(folder, big, withBatch(32));
        while (std::optional<ImageBatch> b = all.next())
            images += int64_t(b->labels.size());
    }
    const auto drain = Clock::now() - t0;
    ASSERT_EQ(images, 1024);
    auto stream = std::make_unique<ImageStream>(folder, big, withBatch(32));
    ASSERT_TRUE(stream->next());
    t0 = Clock::now();
    stream.reset();
    const auto destroy = Clock::now() - t0;
    std::cout << "drain " << std::chrono::duration<double>(drain).count() << " s, destroy after one batch "
              << std::chrono::duration<double>(destroy).count() << " s\n";
    EXPECT_LT(destroy * 10, drain);
    // Destroyed before the first batch was asked for, too.
    stream = std::make_unique<ImageStream>(folder, big, withBatch(32));
    stream.reset();
}

// A progress callback that throws (a cancelled run) leaves evaluateStream at
// once; the stream shuts down when destroyed, with batches decoded ahead.
TEST(EvaluateStream, ThrowingProgressPropagatesAndNothingHangs)
{
    auto model = Model::load(demoModel("fmnist_cnn"));
    int calls = 0;
    auto stream = std::make_unique<ImageStream>(ImageFolder::scan(smallEvalDir()), Preprocess::preset("fmnist"),
                                                withBatch(16, 4));
    EXPECT_THROW(evaluateStream({model.get()}, *stream,
                                [&](const Progress& p) {
                                    EXPECT_EQ(p.done, 16 * (calls + 1));
                                    if (++calls == 3)
                                        throw StopHere{};
                                }),
                 StopHere);
    EXPECT_EQ(calls, 3);
    stream.reset();
    // An Error from the callback is not wrapped either.
    ImageStream again(ImageFolder::scan(smallEvalDir()), Preprocess::preset("fmnist"), withBatch(16));
    EXPECT_ERROR_CONTAINS(evaluateStream({model.get()}, again, [](const Progress&) { throw Error("stop now"); }),
                          "stop now");
}

TEST(ImageStream, BadOptionsAreErrors)
{
    const ImageFolder folder = ImageFolder::scan(smallEvalDir());
    EXPECT_ERROR_CONTAINS(ImageStream(folder, Preprocess::preset("fmnist"), withBatch(0)), "batch size");
    EXPECT_ERROR_CONTAINS(ImageStream(folder, Preprocess::preset("fmnist"), withBatch(8, 0)), "prefetch");
}
