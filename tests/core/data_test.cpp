// Image folders, preprocessing, IDX files and the calibration sampler, on the
// prepared Fashion-MNIST demo folders and on small folders made here.
#include "adaround/error.h"
#include "adaround/idx.h"
#include "adaround/image_folder.h"
#include "adaround/image_set.h"
#include "adaround/preprocess.h"
#include "adaround/sampler.h"
#include "test_support.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <chrono>
#include <cmath>

using namespace adaround;
using namespace testsupport;

namespace {

void writeImage(const std::string& path, int w, int h, int channels, int value)
{
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    cv::Mat img(h, w, channels == 1 ? CV_8UC1 : CV_8UC3, cv::Scalar(value, value / 2, 255 - value));
    ASSERT_TRUE(cv::imwrite(path, img)) << path;
}

} // namespace

TEST(ImageFolder, DemoEvalFolderFollowsImageFolderConvention)
{
    const ImageFolder f = ImageFolder::scan(evalDir());
    ASSERT_EQ(f.classes().size(), 10u);
    EXPECT_EQ(f.classes().front(), "0_T-shirt_top");
    EXPECT_EQ(f.classes().back(), "9_Ankle_boot");
    EXPECT_EQ(f.samples().size(), 10000u);
    std::vector<int> perClass(10);
    for (const auto& s : f.samples())
        ++perClass[size_t(s.label)];
    for (int n : perClass)
        EXPECT_EQ(n, 1000); // Fashion-MNIST's test split is balanced
    EXPECT_EQ(ImageFolder::scan(calibDir()).samples().size(), 1024u);
}

TEST(ImageFolder, SmallEvalFolderHoldsTheFirst30TestImagesOfEachClass)
{
    // adaround-prepare-demo --eval-per-class 30: the tests' small eval set.
    const ImageFolder small = ImageFolder::scan(smallEvalDir());
    const ImageFolder full = ImageFolder::scan(evalDir());
    EXPECT_EQ(small.classes(), full.classes());
    ASSERT_EQ(small.samples().size(), size_t(kSmallEvalImages));
    std::vector<std::vector<std::string>> expected(10);
    for (const auto& s : full.samples()) // sorted by name, i.e. by test-set index
        if (expected[size_t(s.label)].size() < 30)
            expected[size_t(s.label)].push_back(std::filesystem::path(s.path).filename().string());
    std::vector<std::vector<std::string>> got(10);
    for (const auto& s : small.samples())
        got[size_t(s.label)].push_back(std::filesystem::path(s.path).filename().string());
    EXPECT_EQ(got, expected);
}

TEST(ImageFolder, ClassIndexIsSortedFolderPosition)
{
    TempDir dir("sorted");
    writeImage(dir / "zebra/a.png", 8, 8, 1, 10);
    writeImage(dir / "apple/b.png", 8, 8, 1, 20);
    writeImage(dir / "Mango/c.bmp", 8, 8, 1, 30);
    writeBytes(dir / "apple/notes.txt", "not an image");
    const ImageFolder f = ImageFolder::scan(dir.path());
    EXPECT_EQ(f.classes(), (std::vector<std::string>{"Mango", "apple", "zebra"})); // byte order, as Python's sorted()
    ASSERT_EQ(f.samples().size(), 3u);
    EXPECT_EQ(f.samples()[0].label, 0);
    EXPECT_EQ(f.samples()[2].label, 2);
    EXPECT_EQ(f.ignoredFiles(), 1);
}

TEST(ImageFolder, ClassListLabelsSubfoldersByName)
{
    // A folder holding two of four classes: labels are the names' places in the
    // list, not the folders' sorted positions 0 and 1.
    TempDir dir("class-list");
    writeImage(dir / "dog/a.png", 8, 8, 1, 10);
    writeImage(dir / "bird/b.png", 8, 8, 1, 20);
    const ClassList list{{"cat", "bird", "fish", "dog"}, "the class list c.txt"};
    const ImageFolder f = ImageFolder::scan(dir.path(), list);
    EXPECT_EQ(f.classes(), list.names);
    EXPECT_EQ(f.presentClasses(), (std::vector<int>{1, 3}));
    EXPECT_EQ(f.classOrigin(), "the class list c.txt");
    ASSERT_EQ(f.samples().size(), 2u);
    EXPECT_EQ(f.samples()[0].label, 1); // bird
    EXPECT_EQ(f.samples()[1].label, 3); // dog
    Preprocess small = Preprocess::preset("fmnist");
    small.resize = 8;
    const ImageSet s = loadImages(f.subset({1}), small);
    EXPECT_EQ(s.labels, (std::vector<int>{3}));
    EXPECT_EQ(s.presentClasses, (std::vector<int>{1, 3}));
    writeImage(dir / "wolf/c.png", 8, 8, 1, 30);
    EXPECT_ERROR_CONTAINS(ImageFolder::scan(dir.path(), list), dir / "wolf", "'wolf'", "the class list c.txt",
                          "--classes");
    const ImageFolder sorted = ImageFolder::scan(dir.path()); // no list: sorted positions
    EXPECT_EQ(sorted.presentClasses(), (std::vector<int>{0, 1, 2}));
    EXPECT_TRUE(sorted.classOrigin().empty());
}

TEST(ImageFolder, MissingEmptyAndFlatFoldersAreErrors)
{
    EXPECT_ERROR_CONTAINS(ImageFolder::scan("/nonexistent/images"), "/nonexistent/images", "no such folder");
    TempDir empty("empty");
    EXPECT_ERROR_CONTAINS(ImageFolder::scan(empty.path()), "empty folder");
    TempDir flat("flat");
    writeImage(flat / "a.png", 8, 8, 1, 1);
    EXPECT_ERROR_CONTAINS(ImageFolder::scan(flat.path()), "no class subfolders");
    TempDir noImages("no-images");
    writeBytes(noImages / "cats/readme.txt", "x");
    EXPECT_ERROR_CONTAINS(ImageFolder::scan(noImages.path()), "no images");
}

TEST(ImageSet, FmnistPresetNormalisesLikeTraining)
{
    TempDir dir("fmnist-norm");
    writeImage(dir / "c/a.png", 28, 28, 1, 255);
    const ImageSet s = loadImages(ImageFolder::scan(dir.path()), Preprocess::preset("fmnist"));
    ASSERT_EQ(s.images.shape, (std::vector<int64_t>{1, 1, 28, 28}));
    EXPECT_NEAR(s.images.values[0], (1.0 - 0.2860) / 0.3530, 1e-5);
}

TEST(ImageSet, LoadsJpegBmpAndColourAndConvertsChannels)
{
    TempDir dir("formats");
    writeImage(dir / "a/gray.png", 30, 20, 1, 100);
    writeImage(dir / "a/colour.jpg", 30, 20, 3, 100);
    writeImage(dir / "b/colour.bmp", 30, 20, 3, 200);
    const ImageFolder f = ImageFolder::scan(dir.path());
    Preprocess rgb = Preprocess::preset("imagenet");
    rgb.resize = 16;
    rgb.crop = 16;
    const ImageSet s = loadImages(f, rgb);
    EXPECT_EQ(s.images.shape, (std::vector<int64_t>{3, 3, 16, 16}));
    EXPECT_TRUE(s.skipped.empty());
    Preprocess gray = rgb;
    gray.channels = 1;
    gray.mean = {0.5f};
    gray.std = {0.5f};
    EXPECT_EQ(loadImages(f, gray).images.shape, (std::vector<int64_t>{3, 1, 16, 16}));
}

TEST(ImageSet, ResizeKeepsAspectThenCentreCrops)
{
    TempDir dir("resize");
    writeImage(dir / "a/wide.png", 64, 32, 3, 50);
    Preprocess p = Preprocess::preset("imagenet");
    p.resize = 16;
    p.crop = 12;
    const ImageSet s = loadImages(ImageFolder::scan(dir.path()), p);
    EXPECT_EQ(s.images.shape, (std::vector<int64_t>{1, 3, 12, 12}));
    p.crop = 0;
    EXPECT_EQ(loadImages(ImageFolder::scan(dir.path()), p).images.shape, (std::vector<int64_t>{1, 3, 16, 32}));
}

TEST(ImageSet, CorruptImagesAreSkippedAndCounted)
{
    TempDir dir("corrupt");
    writeImage(dir / "a/good.png", 28, 28, 1, 10);
    writeBytes(dir / "a/broken.png", "\x89PNG\r\n\x1a\n garbage");
    writeBytes(dir / "b/empty.jpg", "");
    const ImageSet s = loadImages(ImageFolder::scan(dir.path()), Preprocess::preset("fmnist"));
    EXPECT_EQ(s.size(), 1u);
    ASSERT_EQ(s.skipped.size(), 2u);
    EXPECT_NE(s.skipped[0].path.find("broken.png"), std::string::npos);
    EXPECT_EQ(s.skipped[0].reason, "truncated or damaged PNG header");
    EXPECT_EQ(s.skipped[1].reason, "empty file (0 bytes)");
}

namespace {

uint32_t crc32Of(const std::string& bytes)
{
    uint32_t c = 0xFFFFFFFFu;
    for (unsigned char b : bytes) {
        c ^= b;
        for (int k = 0; k < 8; ++k)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return c ^ 0xFFFFFFFFu;
}

std::string be32(uint32_t v)
{
    return {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
}

// A PNG signature and a valid IHDR chunk claiming WxH 8-bit grayscale, then no pixel data.
std::string pngHeader(uint32_t w, uint32_t h)
{
    const std::string body = "IHDR" + be32(w) + be32(h) + std::string("\x08\x00\x00\x00\x00", 5);
    return std::string("\x89PNG\r\n\x1a\n", 8) + be32(13) + body + be32(crc32Of(body));
}

} // namespace

TEST(ImageSet, HugeClaimedSizeIsRefusedFromTheHeader)
{
    TempDir dir("huge");
    writeImage(dir / "a/good.png", 28, 28, 1, 10);
    writeBytes(dir / "a/huge.png", pngHeader(30000, 30000));
    const auto t0 = std::chrono::steady_clock::now();
    const ImageSet s = loadImages(ImageFolder::scan(dir.path()), Preprocess::preset("fmnist"));
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(1));
    EXPECT_EQ(s.size(), 1u);
    ASSERT_EQ(s.skipped.size(), 1u);
    EXPECT_EQ(s.skipped[0].path, dir / "a/huge.png");
    EXPECT_NE(s.skipped[0].reason.find("30000x30000"), std::string::npos) << s.skipped[0].reason;
    EXPECT_NE(s.skipped[0].reason.find("50 megapixels"), std::string::npos) << s.skipped[0].reason;
}

// The signature is checked against the extension before OpenCV (which would
// pick any of its decoders from the bytes) sees the file.
TEST(ImageSet, SignatureMustMatchTheExtension)
{
    TempDir dir("magic");
    writeImage(dir / "a/good.png", 28, 28, 1, 10);
    writeImage(dir / "a/photo.jpg", 28, 28, 1, 10);
    std::filesystem::rename(dir / "a/photo.jpg", dir / "a/photo.png"); // a JPEG named .png
    writeImage(dir / "a/scan.png", 28, 28, 1, 10);
    std::filesystem::rename(dir / "a/scan.png", dir / "a/scan.JPEG"); // a PNG named .JPEG
    writeBytes(dir / "a/notes.png", "just some text, long enough to look like something");
    writeBytes(dir / "a/text.bmp", "BMnot really a bitmap");
    const ImageSet s = loadImages(ImageFolder::scan(dir.path()), Preprocess::preset("fmnist"));
    ASSERT_EQ(s.size(), 1u);
    EXPECT_EQ(s.files[0], dir / "a/good.png");
    ASSERT_EQ(s.skipped.size(), 4u);
    EXPECT_EQ(s.skipped[0].describe(), dir / "a/notes.png" + ": not an image (no PNG, JPEG or BMP signature)");
    EXPECT_EQ(s.skipped[1].describe(), dir / "a/photo.png" + ": a JPEG image named .png; not decoded (rename it to .jpg)");
    EXPECT_EQ(s.skipped[2].describe(), dir / "a/scan.JPEG" + ": a PNG image named .JPEG; not decoded (rename it to .png)");
    EXPECT_EQ(s.skipped[3].reason, "truncated or damaged BMP header");
}

TEST(ImageSet, AllImagesUnreadableIsAnError)
{
    TempDir dir("all-corrupt");
    writeBytes(dir / "a/x.png", "not a png");
    EXPECT_ERROR_CONTAINS(loadImages(ImageFolder::scan(dir.path()), Preprocess::preset("fmnist")),
                          "none of its 1 images could be read");
}

TEST(ImageSet, WrongSizeForPresetNamesTheFile)
{
    TempDir dir("wrong-size");
    writeImage(dir / "a/ok.png", 28, 28, 1, 10);
    writeImage(dir / "a/zbig.png", 32, 32, 1, 10);
    EXPECT_ERROR_CONTAINS(loadImages(ImageFolder::scan(dir.path()), Preprocess::preset("fmnist")), "zbig.png",
                          "32x32", "28x28", "--resize");
}

TEST(ImageSet, MixedSizesWithoutResizeAreAnError)
{
    TempDir dir("mixed");
    writeImage(dir / "a/a.png", 20, 20, 3, 10);
    writeImage(dir / "a/b.png", 24, 20, 3, 10);
    Preprocess p = Preprocess::preset("imagenet");
    p.resize = 0;
    p.crop = 0;
    EXPECT_ERROR_CONTAINS(loadImages(ImageFolder::scan(dir.path()), p), "b.png", "24x20", "20x20");
}

TEST(ImageSet, MemoryBudgetIsCheckedBeforeLoading)
{
    EXPECT_ERROR_CONTAINS(loadImages(ImageFolder::scan(evalDir()), Preprocess::preset("fmnist"), {}, 1 << 20),
                          "MiB", "budget");
}

TEST(Preprocess, PresetsAndValidation)
{
    const Preprocess im = Preprocess::preset("imagenet");
    EXPECT_EQ(im.outputSize(), 224);
    EXPECT_EQ(Preprocess::preset("fmnist").outputSize(), 28);
    EXPECT_ERROR_CONTAINS(Preprocess::preset("cifar"), "unknown preprocessing preset 'cifar'");
    PreprocessOverrides o;
    o.mean = {0.1f, 0.2f};
    EXPECT_ERROR_CONTAINS(o.applyTo(im), "mean and std need 1 or 3 values");
    PreprocessOverrides g;
    g.channels = 1;
    const Preprocess p = g.applyTo(im);
    EXPECT_EQ(p.channels, 1);
    EXPECT_EQ(p.mean.size(), 1u);
}

TEST(Idx, ReadsFashionMnistLabelsAndImages)
{
    const IdxArray labels = readIdx(idxDir() + "/t10k-labels-idx1-ubyte.gz");
    ASSERT_EQ(labels.dims, (std::vector<int64_t>{10000}));
    const IdxArray images = readIdx(idxDir() + "/t10k-images-idx3-ubyte.gz");
    EXPECT_EQ(images.dims, (std::vector<int64_t>{10000, 28, 28}));
    EXPECT_EQ(images.data.size(), 10000u * 28 * 28);
    // The demo's eval PNGs are these pixels, losslessly.
    const ImageFolder f = ImageFolder::scan(evalDir());
    const std::string first = f.samples().front().path;
    const size_t index = std::stoul(first.substr(first.size() - 9, 5));
    const cv::Mat png = cv::imread(first, cv::IMREAD_GRAYSCALE);
    ASSERT_FALSE(png.empty());
    EXPECT_EQ(std::memcmp(png.data, images.data.data() + index * 784, 784), 0);
    EXPECT_EQ(labels.data[index], 0);
}

TEST(Idx, BadFilesAreErrors)
{
    TempDir dir("idx");
    writeBytes(dir / "bad.idx", "hello world");
    EXPECT_ERROR_CONTAINS(readIdx(dir / "bad.idx"), "bad.idx", "not an IDX file");
    writeBytes(dir / "short.idx", std::string("\0\0\x08\x01\0\0\0\x10", 8) + "abc");
    EXPECT_ERROR_CONTAINS(readIdx(dir / "short.idx"), "short.idx", "truncated");
    EXPECT_ERROR_CONTAINS(readIdx(dir / "missing.idx"), "no such file");
}

TEST(Sampler, SeededDistinctSortedAndStable)
{
    const auto a = sampleIndices(60000, 1024, 0);
    EXPECT_EQ(a, sampleIndices(60000, 1024, 0));
    EXPECT_NE(a, sampleIndices(60000, 1024, 1));
    ASSERT_EQ(a.size(), 1024u);
    for (size_t i = 1; i < a.size(); ++i)
        EXPECT_LT(a[i - 1], a[i]);
    EXPECT_LT(a.back(), 60000u);
    EXPECT_EQ(sampleIndices(5, 5, 3), (std::vector<size_t>{0, 1, 2, 3, 4}));
    EXPECT_ERROR_CONTAINS(sampleIndices(10, 11, 0), "cannot sample 11");
}
