#include "synthetic_data.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>

namespace fs = std::filesystem;

namespace bench {
namespace {

constexpr int kHeight = 256, kWidth = 320;
const char* const kComplete = "COMPLETE"; // written last: a folder without it is regenerated

// Smooth random colour field tinted by the class, a few shapes, sensor-like noise:
// content that JPEG and the resize/crop treat like a photo, not a flat test card.
cv::Mat syntheticImage(uint32_t seed, int label)
{
    std::mt19937 gen(seed);
    std::uniform_real_distribution<float> u(0.f, 255.f);
    cv::Mat coarse(8, 10, CV_32FC3);
    for (int y = 0; y < coarse.rows; ++y)
        for (int x = 0; x < coarse.cols; ++x)
            coarse.at<cv::Vec3f>(y, x) = {u(gen), u(gen), u(gen)};
    cv::Mat field;
    cv::resize(coarse, field, {kWidth, kHeight}, 0, 0, cv::INTER_CUBIC);
    cv::Mat hsv(1, 1, CV_8UC3, cv::Scalar(label * 18, 200, 200)); // OpenCV hue is 0..179
    cv::Mat tint;
    cv::cvtColor(hsv, tint, cv::COLOR_HSV2BGR);
    const cv::Vec3b t = tint.at<cv::Vec3b>(0, 0);
    field = field * 0.6 + cv::Scalar(t[0], t[1], t[2]) * 0.4;
    std::uniform_int_distribution<int> px(0, kWidth - 1), py(0, kHeight - 1), radius(8, 60);
    for (int s = 0; s < 6; ++s) {
        const cv::Scalar colour(u(gen), u(gen), u(gen));
        if (s % 2)
            cv::circle(field, {px(gen), py(gen)}, radius(gen), colour, cv::FILLED, cv::LINE_AA);
        else
            cv::rectangle(field, cv::Rect(px(gen), py(gen), radius(gen), radius(gen)), colour, cv::FILLED);
    }
    cv::Mat noise(field.size(), CV_32FC3);
    cv::randn(noise, 0, 12); // cv::theRNG, seeded below per image
    field += noise;
    cv::Mat out;
    field.convertTo(out, CV_8UC3); // saturating
    return out;
}

int countOfClass(int total, int label)
{
    return total / kClasses + (label < total % kClasses ? 1 : 0);
}

} // namespace

std::string defaultCacheDir()
{
    const char* cache = std::getenv("XDG_CACHE_HOME");
    const char* home = std::getenv("HOME");
    const std::string base = cache && *cache ? cache : std::string(home ? home : "") + "/.cache";
    return base + "/adaround-workbench/bench-scale-v1";
}

std::string imageFolder(const std::string& cache, const std::string& kind, int count)
{
    const fs::path dir = fs::path(cache) / (kind + "-" + std::to_string(count));
    if (fs::exists(dir / kComplete))
        return dir.string();
    std::fprintf(stderr, "making %d synthetic images in %s\n", count, dir.c_str());
    fs::remove_all(dir);
    const uint32_t kindSeed = kind == "eval" ? 1000000u : 0u;
    for (int label = 0; label < kClasses; ++label) {
        const fs::path classDir = dir / ("class_" + std::to_string(label));
        fs::create_directories(classDir);
        for (int i = 0; i < countOfClass(count, label); ++i) {
            const uint32_t seed = kindSeed + uint32_t(label) * 10000u + uint32_t(i);
            cv::theRNG().state = seed + 1;
            char name[32];
            std::snprintf(name, sizeof name, "%05d.jpg", i);
            if (!cv::imwrite((classDir / name).string(), syntheticImage(seed, label), {cv::IMWRITE_JPEG_QUALITY, 90}))
                throw std::runtime_error("cannot write images into " + classDir.string());
        }
    }
    std::ofstream(dir / kComplete) << count << "\n";
    return dir.string();
}

std::string modelFile(const std::string& cache, const std::string& name)
{
    const fs::path file = fs::path(cache) / "models" / (name + ".pt");
    if (fs::exists(file))
        return file.string();
    std::fprintf(stderr, "exporting torchvision %s to %s\n", name.c_str(), file.c_str());
    const std::string command = std::string("'") + ADAROUND_BENCH_PYTHON + "' '" + ADAROUND_BENCH_SCALE_DIR +
                                "/export_scale_models.py' '" + file.parent_path().string() + "' " + name;
    if (std::system(command.c_str()) != 0 || !fs::exists(file))
        throw std::runtime_error("exporting " + name + " failed: " + command);
    return file.string();
}

} // namespace bench
