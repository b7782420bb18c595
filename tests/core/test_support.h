#pragma once
// Paths to the real test data (configured by CMake) and small helpers.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace testsupport {

// The demo folders: calib/ (1,024 seeded training images) and eval/ (all
// 10,000 test images). Only tests that check published figures use eval/.
inline std::string demoDir() { return ADAROUND_TEST_DEMO_DIR; }
inline std::string calibDir() { return demoDir() + "/calib"; }
inline std::string evalDir() { return demoDir() + "/eval"; }
// The small demo in the build tree: the same calib/, and an eval/ with the first
// 30 test images of each class (300), for runs that need real images but not
// the published figures. One image is 1/3 of a percentage point here.
inline std::string smallEvalDir() { return std::string(ADAROUND_TEST_SMALL_DEMO_DIR) + "/eval"; }
constexpr int kSmallEvalImages = 300;
inline std::string demoModel(const std::string& name) { return std::string(ADAROUND_TEST_MODELS_DIR) + "/" + name + ".pt"; }
inline std::string exportedModel(const std::string& name) { return std::string(ADAROUND_TEST_EXPORTS_DIR) + "/" + name + ".pt"; }
inline std::string idxDir() { return ADAROUND_TEST_IDX_DIR; }

// FP32 top-1 recorded for a demo model in datasets/models/demo_models.json.
inline double recordedTop1(const std::string& model)
{
    std::ifstream in(std::string(ADAROUND_TEST_MODELS_DIR) + "/demo_models.json");
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    const size_t at = text.find("\"" + model + "\"");
    if (at == std::string::npos)
        return -1;
    std::smatch m;
    const std::string rest = text.substr(at);
    if (!std::regex_search(rest, m, std::regex("\"fp32_top1\"\\s*:\\s*([0-9.]+)")))
        return -1;
    return std::stod(m[1]);
}

// A fresh, empty folder under the build tree, removed at the end of the test.
class TempDir {
public:
    explicit TempDir(const std::string& name)
        : path_(std::filesystem::temp_directory_path() / ("adaround-test-" + name + "-" + std::to_string(::getpid())))
    {
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TempDir() { std::filesystem::remove_all(path_); }
    std::string path() const { return path_.string(); }
    std::string operator/(const std::string& rel) const { return (path_ / rel).string(); }

private:
    std::filesystem::path path_;
};

inline void writeBytes(const std::string& path, const std::string& bytes)
{
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
}

// Asserts that BODY throws adaround::Error whose message contains every fragment.
#define EXPECT_ERROR_CONTAINS(body, ...)                                                   \
    do {                                                                                   \
        try {                                                                              \
            body;                                                                          \
            ADD_FAILURE() << "expected adaround::Error from " #body;                       \
        } catch (const adaround::Error& e) {                                               \
            for (const std::string& frag : std::vector<std::string>{__VA_ARGS__})         \
                EXPECT_NE(std::string(e.what()).find(frag), std::string::npos)             \
                    << "message '" << e.what() << "' lacks '" << frag << "'";              \
            EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << "multi-line"; \
        }                                                                                  \
    } while (0)

} // namespace testsupport
