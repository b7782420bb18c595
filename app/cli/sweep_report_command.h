#pragma once
// `sweep status DIR` (points pending, queued, running, completed, failed,
// cancelled, killed, from the logs, while the sweep runs) and `sweep report
// DIR [--json] [--csv FILE] [--best-config FILE]` (figures per point and mean ±
// std over seeds per group).
#include <memory>

namespace CLI {
class App;
}

namespace cli {

struct SweepReportOptions;

struct SweepReportCommands {
    CLI::App* status = nullptr;
    CLI::App* report = nullptr;
    std::shared_ptr<SweepReportOptions> options;

    bool parsed() const; // one of them was given
    int run() const;
};

SweepReportCommands addSweepReportCommands(CLI::App& sweep);

} // namespace cli
