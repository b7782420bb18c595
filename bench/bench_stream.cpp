// Streaming evaluation (ImageStream + evaluateStream) vs in-memory evaluation
// (loadImages + evaluate), side by side in one run:
//  1. throughput on the demo's 10,000 eval images, both demo models, modes
//     alternated (best of REPEATS);
//  2. peak RSS (VmHWM) evaluating a synthetic ImageNet-like folder of 10,000
//     224x224 JPEGs (made with OpenCV in /tmp on first use) with the imagenet
//     preprocessing and MobileNetV3-Small (random weights, exported by
//     export_stream_model.py), one child process per mode and image count.
//     In memory, 10,000 such images are 6 GB of floats: by default that mode
//     runs on 2,000 of them (--in-memory-images N to change).
//   build/bench/bench_stream [--demo DIR] [--models DIR] [--repeats N] [--batch N]
//                            [--in-memory-images N] [--decode-threads N] [--throughput-only]
#include "adaround/accuracy.h"
#include "adaround/error.h"
#include "adaround/image_folder.h"
#include "adaround/image_set.h"
#include "adaround/image_stream.h"
#include "adaround/model.h"
#include "adaround/runtime.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

using namespace adaround;
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

const std::string kSyntheticDir = "/tmp/adaround-bench-stream/imagenet-10000";
const std::string kSyntheticModel = "/tmp/adaround-bench-stream/mobilenet_v3_small.pt";
constexpr int kClasses = 10, kPerClass = 1000;

// Smooth colour fields with a class-coloured shape and some noise: JPEGs of a
// realistic size (~10-20 KB), deterministic.
void makeSyntheticFolder()
{
    if (fs::exists(kSyntheticDir + "/READY"))
        return;
    std::fprintf(stderr, "making %s (%d JPEGs)...\n", kSyntheticDir.c_str(), kClasses * kPerClass);
    cv::RNG rng(11);
    for (int c = 0; c < kClasses; ++c) {
        const std::string dir = kSyntheticDir + "/class" + std::to_string(c);
        fs::create_directories(dir);
        for (int i = 0; i < kPerClass; ++i) {
            cv::Mat img(224, 224, CV_8UC3);
            const cv::Vec3b a(uchar(rng.uniform(0, 256)), uchar(rng.uniform(0, 256)), uchar(rng.uniform(0, 256)));
            for (int y = 0; y < img.rows; ++y)
                for (int x = 0; x < img.cols; ++x)
                    img.at<cv::Vec3b>(y, x) = cv::Vec3b(uchar((a[0] + x) & 255), uchar((a[1] + y) & 255), a[2]);
            cv::circle(img, {rng.uniform(40, 184), rng.uniform(40, 184)}, rng.uniform(20, 60),
                       cv::Scalar(25 * c, 255 - 25 * c, 128), cv::FILLED);
            cv::Mat noise(img.size(), CV_8UC3);
            rng.fill(noise, cv::RNG::UNIFORM, 0, 24);
            img += noise;
            char name[32];
            std::snprintf(name, sizeof name, "/%05d.jpg", i);
            if (!cv::imwrite(dir + name, img, {cv::IMWRITE_JPEG_QUALITY, 90}))
                throw Error("cannot write " + dir + name);
        }
    }
    std::ofstream(kSyntheticDir + "/READY") << "ok\n";
}

void exportSyntheticModel(const std::string& script)
{
    if (fs::exists(kSyntheticModel))
        return;
    fs::create_directories(fs::path(kSyntheticModel).parent_path());
    const std::string cmd = "/usr/bin/python3 '" + script + "' '" + kSyntheticModel + "'";
    if (std::system(cmd.c_str()) != 0)
        throw Error("could not export the model: " + cmd);
}

// IMAGES samples spread evenly over the folder (every class present).
ImageFolder spread(const ImageFolder& folder, int64_t images)
{
    const int64_t n = int64_t(folder.samples().size());
    std::vector<size_t> indices;
    for (int64_t i = 0; i < images && i < n; ++i)
        indices.push_back(size_t(i * n / images));
    return folder.subset(indices);
}

int64_t peakRssKiB()
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stoll(line.substr(6));
    return -1;
}

// Child: evaluate IMAGES of the synthetic folder in MODE; print "rss_kib seconds images top1".
int runChild(const std::string& mode, int64_t images, int batch)
{
    setThreads(0);
    auto model = Model::load(kSyntheticModel);
    const ImageFolder folder = spread(ImageFolder::scan(kSyntheticDir), images);
    const Preprocess pre = Preprocess::preset("imagenet");
    const auto start = Clock::now();
    Accuracy acc;
    if (mode == "stream") {
        StreamOptions o;
        o.batchSize = batch;
        ImageStream stream(folder, pre, o);
        acc = evaluateStream({model.get()}, stream).models.at(0);
    } else {
        acc = evaluate(*model, loadImages(folder, pre), batch);
    }
    std::printf("%lld %.2f %lld %.2f\n", (long long)peakRssKiB(), secondsSince(start), (long long)acc.count,
                acc.top1);
    return 0;
}

struct ChildResult {
    double rssMiB = 0, seconds = 0;
    long long images = 0;
    double top1 = 0;
};

ChildResult spawnChild(const std::string& mode, int64_t images, int batch)
{
    const std::string cmd = "'" + fs::read_symlink("/proc/self/exe").string() + "' --child " + mode + " " +
                            std::to_string(images) + " " + std::to_string(batch);
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
    ChildResult r;
    long long kib = 0;
    if (!pipe || std::fscanf(pipe.get(), "%lld %lf %lld %lf", &kib, &r.seconds, &r.images, &r.top1) != 4)
        throw Error("child failed: " + cmd);
    r.rssMiB = double(kib) / 1024.0;
    return r;
}

void throughput(const std::string& demo, const std::string& models, int repeats, int batch, int decodeThreads)
{
    const ImageFolder folder = ImageFolder::scan(demo + "/eval");
    const Preprocess pre = Preprocess::preset("fmnist");
    const ImageSet data = loadImages(folder, pre);
    std::printf("1. evaluation throughput, %zu demo eval images, batch %d, best of %d (images/s), "
                "%d decoding threads (0 = 2)\n",
                data.size(), batch, repeats, decodeThreads);
    std::printf("%-18s %12s %12s %12s %14s %14s\n", "model", "in memory", "load+eval", "streaming",
                "stream/memory", "stream/load+ev");
    for (const char* name : {"fmnist_cnn", "fmnist_mobilenet"}) {
        auto model = Model::load(models + "/" + name + ".pt");
        model->foldBatchNorm();
        double memory = 0, loadEval = 0, streamed = 0, top1[2] = {0, 0};
        for (int r = 0; r < repeats; ++r) {
            auto start = Clock::now();
            top1[0] = evaluate(*model, data, batch).top1;
            memory = std::max(memory, double(data.size()) / secondsSince(start));
            start = Clock::now();
            evaluate(*model, loadImages(folder, pre), batch);
            loadEval = std::max(loadEval, double(data.size()) / secondsSince(start));
            start = Clock::now();
            StreamOptions o;
            o.batchSize = batch;
            o.threads = decodeThreads;
            ImageStream stream(folder, pre, o);
            top1[1] = evaluateStream({model.get()}, stream).models.at(0).top1;
            streamed = std::max(streamed, double(data.size()) / secondsSince(start));
        }
        std::printf("%-18s %12.0f %12.0f %12.0f %13.3fx %13.3fx%s\n", name, memory, loadEval, streamed,
                    streamed / memory, streamed / loadEval, top1[0] == top1[1] ? "" : "  (top-1 differs!)");
    }
}

void peakRss(int batch, int64_t inMemoryImages)
{
    std::printf("\n2. peak RSS (VmHWM, one child process each): %s, imagenet preprocessing, "
                "MobileNetV3-Small, batch %d\n",
                kSyntheticDir.c_str(), batch);
    std::printf("%-10s %8s %10s %10s %10s %8s\n", "mode", "images", "peak MiB", "seconds", "images/s", "top-1");
    auto row = [&](const char* mode, int64_t images) {
        const ChildResult r = spawnChild(mode, images, batch);
        std::printf("%-10s %8lld %10.0f %10.1f %10.0f %8.2f\n", mode, r.images, r.rssMiB, r.seconds,
                    double(r.images) / r.seconds, r.top1);
        return r;
    };
    const ChildResult mem = row("in-memory", inMemoryImages);
    const ChildResult small = row("stream", inMemoryImages);
    const ChildResult full =
        inMemoryImages == kClasses * kPerClass ? small : row("stream", kClasses * kPerClass);
    std::printf("at %lld images: stream/in-memory peak RSS %.3fx, throughput %.3fx; "
                "stream peak RSS at %lld images / at %lld: %.3fx\n",
                mem.images, small.rssMiB / mem.rssMiB, (small.images / small.seconds) / (mem.images / mem.seconds),
                full.images, small.images, full.rssMiB / small.rssMiB);
}

} // namespace

int main(int argc, char** argv)
{
    const std::string home = std::getenv("HOME") ? std::getenv("HOME") : ".";
    std::string demo = home + "/.cache/adaround-workbench/fmnist-v1", models = "datasets/models";
    int repeats = 2, batch = 256, decodeThreads = 0;
    bool rss = true;
    int64_t inMemoryImages = 2000;
    try {
        for (int i = 1; i < argc; ++i) {
            const std::string a = argv[i];
            if (a == "--throughput-only") {
                rss = false;
                continue;
            }
            if (a == "--child" && i + 3 < argc)
                return runChild(argv[i + 1], std::atoll(argv[i + 2]), std::atoi(argv[i + 3]));
            if (i + 1 >= argc)
                throw Error("usage: bench_stream [--demo DIR] [--models DIR] [--repeats N] [--batch N] "
                            "[--in-memory-images N] [--decode-threads N] [--throughput-only]");
            const std::string v = argv[++i];
            if (a == "--demo")
                demo = v;
            else if (a == "--models")
                models = v;
            else if (a == "--repeats")
                repeats = std::atoi(v.c_str());
            else if (a == "--batch")
                batch = std::atoi(v.c_str());
            else if (a == "--decode-threads")
                decodeThreads = std::atoi(v.c_str());
            else if (a == "--in-memory-images")
                inMemoryImages = std::atoll(v.c_str());
            else
                throw Error("unknown option " + a);
        }
        std::setvbuf(stdout, nullptr, _IOLBF, 0); // rows as they come, also into a file
        setThreads(0);
        makeSyntheticFolder();
        exportSyntheticModel(ADAROUND_BENCH_DIR "/export_stream_model.py");
        throughput(demo, models, repeats, batch, decodeThreads);
        if (rss)
            peakRss(batch, inMemoryImages);
    } catch (const Error& e) {
        std::fprintf(stderr, "bench_stream: %s\n", e.what());
        return 1;
    }
    return 0;
}
