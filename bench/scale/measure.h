#pragma once
// What one child process of the bench measures, and the line it prints for the
// parent: a run (per phase) or an rtn pass over the same calibration images.
#include "phase_meter.h"

#include <array>
#include <optional>
#include <string>

namespace bench {

struct Inputs {
    std::string model, calibDir, evalDir;
    int calibImages = 0;
    int threads = 0;
    int evalSubset = 0; // images for the progress curve (0: none)
};

struct RunCost {
    std::array<PhaseCost, kPhases> phases{};
    double seconds = 0; // wall time of the whole run
};

struct RtnCost {
    double seconds = 0;
    long peakKib = 0;
};

// In the child: measure and print one RESULT line on stdout; returns the exit code.
int measureRun(const Inputs& in);
int measureRtn(const Inputs& in);

// In the parent: the costs from a child's stdout (nullopt without a RESULT line).
std::optional<RunCost> parseRun(const std::string& output);
std::optional<RtnCost> parseRtn(const std::string& output);

} // namespace bench
