// Prepares the embedded Fashion-MNIST demo from Debian's dataset-fashion-mnist
// IDX files: a calibration folder (1,024 seeded train images) and an evaluation
// folder (all 10,000 test images, or with --eval-per-class N the first N test
// images of each class: the tests' small eval set), PNG, one subfolder per class. Folder names
// carry the label as a prefix ("0_T-shirt_top") so that sorted order, which is
// how ImageFolder assigns class indices, equals Fashion-MNIST's label order.
#include "adaround/error.h"
#include "adaround/idx.h"
#include "adaround/sampler.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

namespace fs = std::filesystem;
using adaround::IdxArray;

namespace {

const char* const kClasses[10] = {"T-shirt_top", "Trouser", "Pullover", "Dress", "Coat",
                                  "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle_boot"};

// $XDG_CACHE_HOME (or ~/.cache)/adaround-workbench/fmnist-v1, looked up when run, not
// when built: an installed copy writes to its user's cache, where the workbench looks.
std::string defaultOutDir()
{
    const char* cache = std::getenv("XDG_CACHE_HOME");
    const char* home = std::getenv("HOME");
    const std::string base = cache && *cache ? cache : std::string(home ? home : "") + "/.cache";
    return base + "/adaround-workbench/fmnist-v1";
}

struct Options {
    std::string idxDir = ADAROUND_FMNIST_IDX_DIR;
    std::string outDir = defaultOutDir();
    size_t calibCount = 1024;
    uint64_t seed = 0;
    size_t evalPerClass = 0; // 0: the whole test set
};

std::string classFolder(int label)
{
    return std::to_string(label) + "_" + kClasses[label];
}

void writeSplit(const IdxArray& images, const IdxArray& labels, const std::vector<size_t>& indices,
                const fs::path& dir, const std::string& prefix)
{
    for (int c = 0; c < 10; ++c)
        fs::create_directories(dir / classFolder(c));
    const int rows = int(images.dims[1]), cols = int(images.dims[2]);
    for (size_t i : indices) {
        cv::Mat img(rows, cols, CV_8UC1, const_cast<uint8_t*>(images.data.data() + i * size_t(rows * cols)));
        char name[32];
        std::snprintf(name, sizeof name, "%s_%05zu.png", prefix.c_str(), i);
        const fs::path file = dir / classFolder(labels.data[i]) / name;
        if (!cv::imwrite(file.string(), img))
            throw adaround::Error(file.string() + ": cannot write image");
    }
}

std::string readyText(const Options& o)
{
    const std::string eval =
        o.evalPerClass == 0 ? "10000" : "first " + std::to_string(o.evalPerClass) + " per class";
    return "fashion-mnist demo v1\ncalib " + std::to_string(o.calibCount) + " seed " + std::to_string(o.seed) +
           "\neval " + eval + "\n";
}

// All test images, or the first PER_CLASS of each class in test-set order
// (deterministic, and balanced so that every class counts alike).
std::vector<size_t> evalIndices(const IdxArray& labels, size_t perClass)
{
    std::vector<size_t> chosen;
    size_t taken[10] = {};
    for (size_t i = 0; i < labels.data.size(); ++i) {
        const unsigned label = labels.data[i];
        if (perClass == 0 || (label < 10 && taken[label]++ < perClass))
            chosen.push_back(i);
    }
    return chosen;
}

int prepare(const Options& o)
{
    const fs::path out(o.outDir);
    const fs::path marker = out / "READY";
    {
        std::ifstream in(marker);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (in && text == readyText(o)) {
            std::cout << "demo data ready in " << out.string() << "\n";
            return 0;
        }
    }
    auto load = [&](const std::string& name) { return adaround::readIdx((fs::path(o.idxDir) / name).string()); };
    const IdxArray trainImages = load("train-images-idx3-ubyte.gz");
    const IdxArray trainLabels = load("train-labels-idx1-ubyte.gz");
    const IdxArray testImages = load("t10k-images-idx3-ubyte.gz");
    const IdxArray testLabels = load("t10k-labels-idx1-ubyte.gz");
    if (trainImages.dims.size() != 3 || testImages.dims.size() != 3 ||
        trainImages.dims[0] != int64_t(trainLabels.data.size()) || testImages.dims[0] != int64_t(testLabels.data.size()))
        throw adaround::Error(o.idxDir + ": IDX image and label files do not match");

    // Build beside the target and rename at the end: never a half-written demo.
    const fs::path staging = out.string() + ".partial";
    fs::remove_all(staging);
    std::cout << "preparing demo data in " << out.string() << " ..." << std::endl;
    const auto calib = adaround::sampleIndices(size_t(trainImages.dims[0]), o.calibCount, o.seed);
    writeSplit(trainImages, trainLabels, calib, staging / "calib", "train");
    const std::vector<size_t> eval = evalIndices(testLabels, o.evalPerClass);
    writeSplit(testImages, testLabels, eval, staging / "eval", "test");
    std::ofstream(staging / "READY") << readyText(o);
    fs::remove_all(out);
    fs::create_directories(out.parent_path());
    fs::rename(staging, out);
    std::cout << "wrote " << calib.size() << " calibration and " << eval.size() << " evaluation images to "
              << out.string() << "\n";
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc)
                throw adaround::Error(a + " needs a value");
            return argv[++i];
        };
        try {
            if (a == "--idx")
                o.idxDir = next();
            else if (a == "--out")
                o.outDir = next();
            else if (a == "--calib-count")
                o.calibCount = std::stoul(next());
            else if (a == "--seed")
                o.seed = std::stoull(next());
            else if (a == "--eval-per-class")
                o.evalPerClass = std::stoul(next());
            else if (a == "--print-dir") {
                std::cout << o.outDir << "\n";
                return 0;
            } else if (a == "--help" || a == "-h") {
                std::cout << "usage: adaround-prepare-demo [--idx DIR] [--out DIR] [--calib-count N] [--seed S] "
                             "[--eval-per-class N] [--print-dir]\n"
                             "Writes OUT/calib and OUT/eval from the Fashion-MNIST IDX files (default "
                          << o.idxDir << " -> " << o.outDir
                          << ").\n--eval-per-class N: only the first N test images of each class in OUT/eval.\n";
                return 0;
            } else {
                std::cerr << "adaround-prepare-demo: unknown option " << a << " (see --help)\n";
                return 2;
            }
        } catch (const std::logic_error&) {
            std::cerr << "adaround-prepare-demo: " << a << " needs a number\n";
            return 2;
        } catch (const adaround::Error& e) {
            std::cerr << "adaround-prepare-demo: " << e.what() << "\n";
            return 2;
        }
    }
    try {
        return prepare(o);
    } catch (const adaround::Error& e) {
        std::cerr << "adaround-prepare-demo: " << e.what()
                  << "\n(install Debian's dataset-fashion-mnist package: apt-get install dataset-fashion-mnist)\n";
    } catch (const std::exception& e) {
        std::cerr << "adaround-prepare-demo: " << e.what() << "\n";
    }
    return 1;
}
