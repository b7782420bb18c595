// Model loading, layer discovery on the demo models, BN folding on real images,
// weight substitution, and clear errors for files that are not usable models.
#include "adaround/error.h"
#include "adaround/image_folder.h"
#include "adaround/image_set.h"
#include "adaround/model.h"
#include "adaround/sampler.h"
#include "test_support.h"

#include <cmath>
#include <fstream>
#include <iterator>
#include <sys/stat.h>

using namespace adaround;
using namespace testsupport;

namespace {

HostTensor evalBatch(size_t count)
{
    const ImageFolder folder = ImageFolder::scan(smallEvalDir());
    const ImageFolder subset = folder.subset(sampleIndices(folder.samples().size(), count, 7));
    return loadImages(subset, Preprocess::preset("fmnist")).images;
}

float maxAbsDiff(const HostTensor& a, const HostTensor& b)
{
    EXPECT_EQ(a.shape, b.shape);
    float m = 0;
    for (size_t i = 0; i < a.values.size(); ++i)
        m = std::max(m, std::fabs(a.values[i] - b.values[i]));
    return m;
}

float maxAbs(const HostTensor& a)
{
    float m = 0;
    for (float v : a.values)
        m = std::max(m, std::fabs(v));
    return m;
}

} // namespace

TEST(DemoModels, CompactCnnLayerTable)
{
    auto model = Model::load(demoModel("fmnist_cnn"));
    const auto& l = model->layers();
    ASSERT_EQ(l.size(), 5u);
    const std::vector<std::string> names = {"conv1", "conv2", "conv3", "fc1", "fc2"};
    for (size_t i = 0; i < 5; ++i)
        EXPECT_EQ(l[i].name, names[i]);
    EXPECT_EQ(l[0].weightShape, (std::vector<int64_t>{16, 1, 3, 3}));
    EXPECT_EQ(l[3].kind, LayerKind::Linear);
    EXPECT_EQ(l[3].weightShape, (std::vector<int64_t>{128, 1568}));
    EXPECT_EQ(l[3].params, 128 * 1568 + 128);
    for (size_t i = 0; i < 4; ++i)
        EXPECT_EQ(l[i].activation, Activation::ReLU) << l[i].name;
    EXPECT_EQ(l[4].activation, Activation::None);
    EXPECT_EQ(l[0].batchNorm, "bn1");
    EXPECT_TRUE(l[3].batchNorm.empty());
    EXPECT_EQ(model->inputChannels(), 1);
}

TEST(DemoModels, MobileNetLikeModelHasDepthwiseResidualAndReLU6)
{
    auto model = Model::load(demoModel("fmnist_mobilenet"));
    const auto& l = model->layers();
    ASSERT_EQ(l.size(), 18u); // stem + 5 blocks x 3 + head conv + classifier
    int depthwise = 0, relu6 = 0, none = 0;
    for (const auto& layer : l) {
        depthwise += layer.isDepthwise();
        relu6 += layer.activation == Activation::ReLU6;
        none += layer.activation == Activation::None;
    }
    EXPECT_EQ(depthwise, 5);
    EXPECT_EQ(relu6, 12); // stem, 5 expansions, 5 depthwise, head
    EXPECT_EQ(none, 6);   // 5 linear projections + classifier
    EXPECT_EQ(l.front().name, "features.0.0");
    EXPECT_EQ(l.back().name, "classifier");
    EXPECT_EQ(l[3].name, "features.1.conv.2"); // first projection, before the residual add
    EXPECT_EQ(l[3].activation, Activation::None);
}

TEST(DemoModels, BatchNormFoldingKeepsOutputsOnRealImages)
{
    const HostTensor batch = evalBatch(64);
    for (const char* name : {"fmnist_cnn", "fmnist_mobilenet"}) {
        auto model = Model::load(demoModel(name));
        const HostTensor before = model->forward(batch);
        const int folded = model->foldBatchNorm();
        EXPECT_GT(folded, 0) << name;
        for (const auto& layer : model->layers())
            EXPECT_EQ(layer.batchNormFolded, !layer.batchNorm.empty());
        const HostTensor after = model->forward(batch);
        EXPECT_LT(maxAbsDiff(before, after), 1e-4f * std::max(1.f, maxAbs(before))) << name;
        EXPECT_EQ(model->foldBatchNorm(), 0) << "folding twice must be a no-op";
    }
}

TEST(DemoModels, FoldedBiasIsReported)
{
    auto model = Model::load(demoModel("fmnist_cnn"));
    EXPECT_TRUE(model->bias(0).values.empty()); // conv1 has no bias before folding
    model->foldBatchNorm();
    EXPECT_EQ(model->bias(0).shape, (std::vector<int64_t>{16}));
}

TEST(DemoModels, SetWeightChangesOutputsAndCloneIsIndependent)
{
    const HostTensor batch = evalBatch(8);
    auto model = Model::load(demoModel("fmnist_cnn"));
    auto copy = model->clone();
    const HostTensor original = model->forward(batch);

    HostTensor w = copy->weight(4);
    for (float& v : w.values)
        v = 0.f;
    copy->setWeight(4, w);
    EXPECT_GT(maxAbsDiff(original, copy->forward(batch)), 1e-3f);
    EXPECT_EQ(maxAbsDiff(original, model->forward(batch)), 0.f) << "the original must not change";

    HostTensor wrong;
    wrong.shape = {3, 3};
    wrong.values.assign(9, 0.f);
    EXPECT_ERROR_CONTAINS(copy->setWeight(4, wrong), "fc2", "3x3", "10x128");
}

TEST(ModelErrors, MissingFile)
{
    EXPECT_ERROR_CONTAINS(Model::load("/nonexistent/model.pt"), "/nonexistent/model.pt", "no such file");
}

TEST(ModelErrors, PngRenamedToPt)
{
    TempDir dir("png-as-pt");
    const ImageFolder folder = ImageFolder::scan(smallEvalDir());
    std::filesystem::copy_file(folder.samples().front().path, dir / "model.pt");
    EXPECT_ERROR_CONTAINS(Model::load(dir / "model.pt"), "model.pt", "not a TorchScript archive");
}

TEST(ModelErrors, EmptyFileAndFolder)
{
    TempDir dir("empty-pt");
    writeBytes(dir / "empty.pt", "");
    EXPECT_ERROR_CONTAINS(Model::load(dir / "empty.pt"), "empty.pt", "empty file");
    EXPECT_ERROR_CONTAINS(Model::load(dir.path()), "is a folder");
}

TEST(ModelErrors, TruncatedArchive)
{
    TempDir dir("truncated");
    std::ifstream in(demoModel("fmnist_cnn"), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    writeBytes(dir / "cut.pt", bytes.substr(0, bytes.size() / 2));
    EXPECT_ERROR_CONTAINS(Model::load(dir / "cut.pt"), "cut.pt", "truncated or damaged");
}

namespace {

// The demo CNN's archive with one central-directory field of ENTRY changed:
// FIELD is its offset in the 46-byte header, VALUE the new little-endian 32 bits.
std::string archiveWithDirectoryField(const std::string& entry, size_t field, uint32_t value)
{
    std::ifstream in(demoModel("fmnist_cnn"), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    size_t at = bytes.find("PK\x01\x02", 0);
    while (at != std::string::npos && bytes.compare(at + 46, entry.size(), entry) != 0)
        at = bytes.find("PK\x01\x02", at + 4);
    EXPECT_NE(at, std::string::npos) << entry;
    for (int i = 0; i < 4; ++i)
        bytes[at + field + size_t(i)] = char((value >> (8 * i)) & 0xFF);
    return bytes;
}

} // namespace

// The project's own zip checks (model_archive.cpp) before LibTorch's loader:
// sizes and offsets from the file are checked against the file.
TEST(ModelErrors, DamagedZipDirectoryIsRefusedBeforeLibTorch)
{
    TempDir dir("zip-directory");
    writeBytes(dir / "huge.pt", archiveWithDirectoryField("fmnist_cnn/data.pkl", 24, 0xFFFFFFF0u));
    EXPECT_ERROR_CONTAINS(Model::load(dir / "huge.pt"), "huge.pt", "truncated or damaged TorchScript archive",
                          "fmnist_cnn/data.pkl");
    writeBytes(dir / "outside.pt", archiveWithDirectoryField("fmnist_cnn/data.pkl", 42, 0x7FFFFFF0u));
    EXPECT_ERROR_CONTAINS(Model::load(dir / "outside.pt"), "outside.pt", "fmnist_cnn/data.pkl",
                          "lies outside the archive");
}

TEST(ModelErrors, FifoIsRefusedWithoutBlocking)
{
    TempDir dir("fifo-model");
    ASSERT_EQ(::mkfifo((dir / "model.pt").c_str(), 0600), 0);
    EXPECT_ERROR_CONTAINS(Model::load(dir / "model.pt"), "model.pt", "not a regular file");
}
