// The run-log writer's own cost, apart from the engine (whose run time varies
// far more than the writer costs): replays a recorded run from a log into fresh
// writers and times them.
//
// usage: bench_run_log LOG [REPEATS]   (LOG e.g. from ./run.sh --headless)
// Prints the events in the run, the saves a writer made, the median time of
// writing the whole log and per save, and the file size.
#include "adaround/run_log.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

using namespace adaround;

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_run_log LOG [REPEATS]\n");
        return 2;
    }
    const int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    const RunLog log = readRunLog(argv[1]);
    const RunRecord& r = log.record;
    const std::string out = (std::filesystem::temp_directory_path() / "bench_run_log.h5").string();

    std::vector<double> ms;
    for (int i = 0; i < repeats; ++i) {
        std::filesystem::remove(out);
        const auto start = std::chrono::steady_clock::now();
        {
            RunLogWriter writer(out);
            replay(r, writer);
        }
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(ms.begin(), ms.end());
    const double median = ms[ms.size() / 2];
    // Saves in a replay: creation, run start, each layer end and accuracy point, the end.
    const size_t saves = 3 + r.layers.size() + r.progress.size();
    const size_t events = 2 + r.layerStarts.size() + r.iterations.size() + r.histograms.size() + r.weights.size() +
                          r.layers.size() + r.progress.size();
    std::printf("%s: %zu layers, %zu events, %zu saves\n", argv[1], r.layers.size(), events, saves);
    std::printf("writing the whole log: %.1f ms (median of %d), %.2f ms per save\n", median, repeats,
                median / double(saves));
    std::printf("log size: %ju bytes\n", std::uintmax_t(std::filesystem::file_size(out)));
    std::filesystem::remove(out);
    return 0;
}
