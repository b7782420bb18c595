// bench/scale: the fixed cost of an AdaRound run on ImageNet-sized models, per
// phase, against an rtn pass over the same calibration images (issue 11's
// targets are ratios to it). torchvision resnet18/resnet50 (random weights, 10
// classes) on synthetic 256x320 JPEGs, 1 iteration per layer, no progress curve,
// preprocess imagenet. Each run and each rtn pass is a child process of its own,
// so each peak RSS is that configuration's alone.
//   build/bench/bench_scale [--models resnet18,resnet50] [--sizes 128,256,512] [--quick]
//                           [--eval-images 100] [--limit 900] [--threads 0] [--cache DIR]
#include "measure.h"
#include "synthetic_data.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace {

using namespace bench;

std::string quoted(const std::string& s)
{
    std::string out = "'";
    for (char ch : s)
        out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
    return out + "'";
}

// Runs this program again as a child in MODE; its stdout, or "" if it failed.
std::string child(const std::string& mode, const Inputs& in)
{
    const std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
    const std::string command = quoted(self) + " --child " + mode + " --model " + quoted(in.model) + " --calib " +
                                quoted(in.calibDir) + " --eval " + quoted(in.evalDir) + " --child-images " +
                                std::to_string(in.calibImages) + " --threads " + std::to_string(in.threads) +
                                " --eval-subset " + std::to_string(in.evalSubset);
    std::fflush(stdout);
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe)
        return "";
    std::string out;
    char buffer[4096];
    while (size_t n = std::fread(buffer, 1, sizeof buffer, pipe))
        out.append(buffer, n);
    return pclose(pipe) == 0 ? out : "";
}

std::string loadAverage()
{
    std::ifstream f("/proc/loadavg");
    std::string one, five, fifteen;
    f >> one >> five >> fifteen;
    return one + " " + five + " " + fifteen;
}

double mib(long kib)
{
    return double(kib) / 1024.0;
}

void printHeader()
{
    std::printf("%-9s %5s |", "model", "calib");
    for (int p = 0; p < kPhases; ++p)
        std::printf(" %8s s %5s |", phaseName(Phase(p)), "MiB");
    std::printf(" %7s | %6s %5s | %7s %11s | %5s\n", "run s", "rtn s", "MiB", "run/rtn", "capture/rtn", "load1");
}

// Prints one row; returns false if a phase never ran (the attribution broke).
bool printRow(const std::string& model, int images, const RunCost& run, const RtnCost& rtn)
{
    std::printf("%-9s %5d |", model.c_str(), images);
    bool complete = true;
    for (const PhaseCost& p : run.phases) {
        std::printf(" %10.1f %5.0f |", p.seconds, mib(p.peakKib));
        complete = complete && p.peakKib > 0;
    }
    const std::string load = loadAverage();
    std::printf(" %7.1f | %6.1f %5.0f | %6.1fx %10.1fx | %5s\n", run.seconds, rtn.seconds, mib(rtn.peakKib),
                run.seconds / rtn.seconds, run.phases[Capture].seconds / rtn.seconds,
                load.substr(0, load.find(' ')).c_str());
    if (!complete)
        std::printf("  ^ a phase got no time: the phase attribution missed events\n");
    std::fflush(stdout); // rows appear as they are measured
    return complete;
}

} // namespace

int main(int argc, char** argv)
{
    CLI::App app{"bench/scale: an AdaRound run's cost per phase on ImageNet-sized models, against rtn"};
    std::vector<std::string> models{"resnet18", "resnet50"};
    std::vector<int> sizes{128, 256, 512};
    bool quick = false;
    int evalImages = 100, threads = 0;
    double limit = 900;
    std::string cache = defaultCacheDir(), childMode;
    Inputs in;
    app.add_option("--models", models, "torchvision models (resnet18, resnet50)")->delimiter(',');
    app.add_option("--sizes", sizes, "calibration images per run")->delimiter(',');
    app.add_flag("--quick", quick, "resnet18 at 128 images only (a smoke test)");
    app.add_option("--eval-images", evalImages, "images in the evaluation folder");
    app.add_option("--limit", limit, "skip a run predicted (linearly from the model's previous size) to take longer, seconds");
    app.add_option("--threads", threads, "compute threads (0 = all cores)");
    app.add_option("--eval-subset", in.evalSubset, "progress-curve images after each layer (0: no curve)");
    app.add_option("--cache", cache, "folder for the synthetic images and models");
    app.add_option("--child", childMode, "internal: measure one run or rtn pass")->group("");
    app.add_option("--model", in.model)->group("");
    app.add_option("--calib", in.calibDir)->group("");
    app.add_option("--eval", in.evalDir)->group("");
    app.add_option("--child-images", in.calibImages)->group("");
    CLI11_PARSE(app, argc, argv);
    in.threads = threads;
    const int evalSubset = in.evalSubset;
    if (childMode == "run")
        return measureRun(in);
    if (childMode == "rtn")
        return measureRtn(in);

    if (quick) {
        models = {"resnet18"};
        if (app.count("--sizes") == 0)
            sizes = {128};
    }
    std::sort(sizes.begin(), sizes.end());
    // OpenMP threads waiting at a barrier sleep instead of spinning (unless the
    // caller chose): on a shared machine spinning made an rtn pass 3x slower.
    setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
    bool ok = true;
    try {
        in.evalDir = imageFolder(cache, "eval", evalImages);
        std::printf("AdaRound at 1 iteration per layer, progress curve on %d images (eval subset), preprocess imagenet, "
                    "%d eval images; rtn = FP32 + RTN evaluation of the calibration images; peak RSS per phase; "
                    "each run and rtn pass in its own process, OMP_WAIT_POLICY=%s\n",
                    evalSubset, evalImages, std::getenv("OMP_WAIT_POLICY"));
        std::printf("load average at start: %s\n", loadAverage().c_str());
        printHeader();
        for (const std::string& model : models) {
            in.model = modelFile(cache, model);
            double lastSeconds = 0;
            int lastImages = 0;
            for (int images : sizes) {
                if (lastImages > 0 && lastSeconds * images / lastImages > limit) {
                    std::printf("%-9s %5d | skipped: predicted %.0f s (linear from %d images) > --limit %.0f s\n",
                                model.c_str(), images, lastSeconds * images / lastImages, lastImages, limit);
                    continue;
                }
                in.calibDir = imageFolder(cache, "calib", images);
                in.calibImages = images;
                const auto rtn = parseRtn(child("rtn", in));
                const auto run = rtn ? parseRun(child("run", in)) : std::nullopt;
                if (!rtn || !run) {
                    std::printf("%-9s %5d | failed (see the error above)\n", model.c_str(), images);
                    ok = false;
                    continue;
                }
                ok = printRow(model, images, *run, *rtn) && ok;
                lastSeconds = run->seconds;
                lastImages = images;
            }
        }
        std::printf("load average at end: %s\n", loadAverage().c_str());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_scale: %s\n", e.what());
        return 1;
    }
    return ok ? 0 : 1;
}
