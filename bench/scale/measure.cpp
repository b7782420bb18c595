#include "measure.h"

#include "adaround/adaround_run.h"
#include "adaround/rtn_comparison.h"
#include "adaround/runtime.h"

#include <chrono>
#include <cstdio>
#include <sstream>

namespace bench {
namespace {

double since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int measureRun(const Inputs& in)
{
    adaround::AdaRoundConfig c;
    c.modelPath = in.model;
    c.calibDir = in.calibDir;
    c.evalDir = in.evalDir;
    c.preprocessName = "imagenet";
    c.calibSize = in.calibImages;
    c.evalSubset = in.evalSubset; // the progress curve: none by default
    c.iterations = 1; // the fixed cost of a run
    c.threads = in.threads;
    adaround::AdaRoundRun run(c);
    adaround::RunControl control;
    const auto start = std::chrono::steady_clock::now();
    PhaseMeter meter;
    const adaround::RunResult result = run.run(meter, control);
    meter.finish();
    const double seconds = since(start);
    if (result.end != adaround::RunEnd::Completed) {
        std::fprintf(stderr, "run failed: %s\n", result.error.c_str());
        return 1;
    }
    std::printf("RESULT");
    for (const PhaseCost& p : meter.costs())
        std::printf(" %.3f %ld", p.seconds, p.peakKib);
    std::printf(" %.3f\n", seconds);
    return 0;
}

int measureRtn(const Inputs& in)
{
    adaround::setThreads(in.threads);
    adaround::RtnRequest r;
    r.modelPath = in.model;
    r.evalDir = in.calibDir; // the same images the run calibrates on
    r.preprocessName = "imagenet";
    resetPeakRss();
    const auto start = std::chrono::steady_clock::now();
    try {
        adaround::compareRoundToNearest(r);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "rtn failed: %s\n", e.what());
        return 1;
    }
    std::printf("RESULT %.3f %ld\n", since(start), peakRssKib());
    return 0;
}

std::optional<RunCost> parseRun(const std::string& output)
{
    const size_t at = output.rfind("RESULT ");
    if (at == std::string::npos)
        return std::nullopt;
    std::istringstream line(output.substr(at + 7));
    RunCost cost;
    for (PhaseCost& p : cost.phases)
        line >> p.seconds >> p.peakKib;
    line >> cost.seconds;
    return line ? std::optional<RunCost>(cost) : std::nullopt;
}

std::optional<RtnCost> parseRtn(const std::string& output)
{
    const size_t at = output.rfind("RESULT ");
    if (at == std::string::npos)
        return std::nullopt;
    std::istringstream line(output.substr(at + 7));
    RtnCost cost;
    line >> cost.seconds >> cost.peakKib;
    return line ? std::optional<RtnCost>(cost) : std::nullopt;
}

} // namespace bench
