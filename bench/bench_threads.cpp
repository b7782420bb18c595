// What a second intra-op thread buys: evaluation throughput of the demo models
// on the Fashion-MNIST test images at 1 and 2 threads, measured alternately in
// one run (best of N), printed side by side with their ratio.
//   build/bench/bench_threads [DEMO_DIR] [MODELS_DIR] [REPEATS]
#include "adaround/accuracy.h"
#include "adaround/error.h"
#include "adaround/image_folder.h"
#include "adaround/model.h"
#include "adaround/runtime.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace adaround;

int main(int argc, char** argv)
{
    const std::string home = std::getenv("HOME") ? std::getenv("HOME") : ".";
    const std::string demo = argc > 1 ? argv[1] : home + "/.cache/adaround-workbench/fmnist-v1";
    const std::string models = argc > 2 ? argv[2] : "datasets/models";
    const int repeats = argc > 3 ? std::atoi(argv[3]) : 3;
    try {
        const ImageSet data = loadImages(ImageFolder::scan(demo + "/eval"), Preprocess::preset("fmnist"));
        std::printf("%-18s %14s %14s %8s\n", "model", "1 thread img/s", "2 threads img/s", "ratio");
        for (const char* name : {"fmnist_cnn", "fmnist_mobilenet"}) {
            auto model = Model::load(models + "/" + name + ".pt");
            model->foldBatchNorm();
            double best[3] = {0, 0, 0};
            for (int r = 0; r < repeats; ++r)
                for (int t : {1, 2}) {
                    setThreads(t);
                    const auto start = std::chrono::steady_clock::now();
                    evaluate(*model, data);
                    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                    best[t] = std::max(best[t], double(data.size()) / s);
                }
            std::printf("%-18s %14.0f %14.0f %7.2fx\n", name, best[1], best[2], best[2] / best[1]);
        }
    } catch (const Error& e) {
        std::fprintf(stderr, "bench_threads: %s\n", e.what());
        return 1;
    }
    return 0;
}
