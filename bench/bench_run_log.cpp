// The run-log writer's own cost, apart from the engine (whose run time varies
// far more than the writer costs).
//
// usage: bench_run_log LOG [REPEATS]   (LOG e.g. from ./run.sh --headless)
//   Replays a recorded run from a log into fresh writers and prints the events
//   in the run, the saves a writer made, the median time of writing the whole
//   log and per save, and the file size.
//
// usage: bench_run_log --large [--rate IT_PER_S] [--iters N] [--dir DIR]
//   The paper-scale synthetic run (tests/core/synthetic_large_run.h: ResNet-50's
//   54 layers, 10,000 iterations each) written under the fixed 2 s interval of
//   earlier versions and under the default save policy, with the run's clock
//   simulated at RATE iterations per second (default 100) plus the writer's real
//   time. Prints, side by side, the saves, the time spent saving and in the
//   writer as shares of the run, the longest save and gap, and the log's size.
#include "adaround/run_log.h"
#include "simulated_log_run.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

using namespace adaround;

namespace {

int replayLog(const char* in, int repeats)
{
    const RunLog log = readRunLog(in);
    const RunRecord& r = log.record;
    const std::string out = (std::filesystem::temp_directory_path() / "bench_run_log.h5").string();

    std::vector<double> ms;
    int saves = 0;
    for (int i = 0; i < repeats; ++i) {
        std::filesystem::remove(out);
        const auto start = std::chrono::steady_clock::now();
        {
            RunLogWriter writer(out);
            replay(r, writer);
            saves = writer.saveStats().saves;
        }
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    const double median = ms[ms.size() / 2];
    const size_t events = 2 + r.layerStarts.size() + r.iterations.size() + r.histograms.size() + r.weights.size() +
                          r.layers.size() + r.progress.size();
    std::printf("%s: %zu layers, %zu events, %d saves\n", in, r.layers.size(), events, saves);
    std::printf("writing the whole log: %.1f ms (median of %d), %.2f ms per save\n", median, repeats,
                median / double(std::max(saves, 1)));
    std::printf("log size: %ju bytes\n", std::uintmax_t(std::filesystem::file_size(out)));
    std::filesystem::remove(out);
    return 0;
}

int largeRun(double rate, int iterations, const std::string& dir)
{
    testsupport::LargeRunShape shape;
    shape.iterations = iterations;
    const RunLogSavePolicy fixed{std::chrono::seconds(2), std::chrono::seconds(2), 0};
    const RunLogSavePolicy adaptive;
    std::printf("synthetic ResNet-50 run: 54 layers x %d iterations, simulated at %.0f it/s\n", iterations, rate);
    std::printf("adaptive policy: %d x the last save's time, within [%.0f s, %.0f s]\n", adaptive.costFactor,
                adaptive.floor.count() / 1000.0, adaptive.ceiling.count() / 1000.0);
    std::vector<testsupport::LogCostFigures> figures;
    for (const RunLogSavePolicy& policy : {fixed, adaptive}) {
        const std::string path = (std::filesystem::path(dir) / "bench_run_log_large.h5").string();
        std::filesystem::remove(path);
        figures.push_back(testsupport::simulateLoggedRun(path, policy, shape, rate));
        std::filesystem::remove(path);
        if (!figures.back().writeError.empty())
            std::fprintf(stderr, "write error: %s\n", figures.back().writeError.c_str());
    }
    const char* names[] = {"fixed 2 s", "adaptive"};
    std::printf("%-28s %14s %14s\n", "", names[0], names[1]);
    auto row = [&](const char* what, const char* format, auto field) {
        std::printf("%-28s", what);
        for (const auto& f : figures) {
            char cell[32];
            std::snprintf(cell, sizeof cell, format, field(f));
            std::printf(" %14s", cell);
        }
        std::printf("\n");
    };
    using F = testsupport::LogCostFigures;
    row("run (simulated) s", "%.0f", [](const F& f) { return f.runSeconds; });
    row("saves", "%d", [](const F& f) { return f.saves; });
    row("layer ends saved", "%d", [](const F& f) { return f.layerEndsSaved; });
    row("saving s", "%.2f", [](const F& f) { return f.savingSeconds; });
    row("saving share of the run %", "%.3f", [](const F& f) { return 100 * f.savingShare(); });
    row("in the writer s", "%.2f", [](const F& f) { return f.writerSeconds; });
    row("writer share of the run %", "%.3f", [](const F& f) { return 100 * f.writerShare(); });
    row("mean save ms", "%.1f", [](const F& f) { return 1000 * f.savingSeconds / std::max(f.saves, 1); });
    row("longest save ms", "%.1f", [](const F& f) { return 1000 * f.longestSave; });
    row("longest gap between saves s", "%.2f", [](const F& f) { return f.longestGap; });
    row("log size MiB", "%.2f", [](const F& f) { return double(f.bytes) / (1 << 20); });
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc >= 2 && std::strcmp(argv[1], "--large") == 0) {
        double rate = 100;
        int iterations = 10000;
        std::string dir = std::filesystem::temp_directory_path().string();
        for (int i = 2; i + 1 < argc; i += 2) {
            const std::string opt = argv[i];
            if (opt == "--rate")
                rate = std::atof(argv[i + 1]);
            else if (opt == "--iters")
                iterations = std::atoi(argv[i + 1]);
            else if (opt == "--dir")
                dir = argv[i + 1];
        }
        return largeRun(rate, iterations, dir);
    }
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_run_log LOG [REPEATS] | bench_run_log --large [--rate N] [--iters N] [--dir D]\n");
        return 2;
    }
    return replayLog(argv[1], argc > 2 ? std::max(1, std::atoi(argv[2])) : 5);
}
