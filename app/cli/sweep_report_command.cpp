#include "sweep_report_command.h"

#include "adaround/config_json.h"
#include "adaround/error.h"
#include "adaround/file_io.h"
#include "adaround/sweep_report.h"
#include "commands.h"
#include "option_helpers.h"
#include "text_table.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>

namespace cli {

struct SweepReportOptions {
    std::string dir;
    CLI::Option* statusJson = nullptr;
    CLI::Option* reportJson = nullptr;
    CLI::Option* csv = nullptr;
    CLI::Option* bestConfig = nullptr;
};

namespace {

using adaround::Json;

std::string figure(const Json& v) { return v.is_null() ? "-" : fixed(v.get<double>(), 2); }

std::string meanStd(const Json& v)
{
    if (v.is_null())
        return "-";
    return fixed(v["mean"].get<double>(), 2) + " ± " + fixed(v["std"].get<double>(), 2);
}

std::string settingsText(const Json& settings)
{
    std::string s;
    for (const auto& [k, v] : settings.items())
        s += (s.empty() ? "" : " ") + k + "=" + v.get<std::string>();
    return s.empty() ? "(base)" : s;
}

std::string countsText(const Json& report)
{
    std::string s = std::to_string(report["points"].size()) + " points";
    for (const auto& [state, n] : report["counts"].items())
        s += ", " + std::to_string(n.get<int>()) + " " + state;
    return s;
}

Json readReport(const std::string& dir)
{
    const adaround::SweepManifest m = adaround::readSweepManifest(dir);
    return adaround::sweepReport(m, adaround::readSweepStates(m));
}

int status(const SweepReportOptions& o)
{
    const Json report = readReport(o.dir);
    if (flagIsSet(o.statusJson)) {
        std::cout << adaround::dumpJson(report) << std::endl;
        return kOk;
    }
    std::cout << report["dir"].get<std::string>() << ": " << countsText(report) << "\n\n";
    TextTable table({"point", "settings", "seed", "status", "attempts", "layers", "top-1 %"},
                    {false, false, true, false, true, true, true});
    for (const Json& p : report["points"])
        table.addRow({p["name"].get<std::string>(), settingsText(p["settings"]), std::to_string(p["seed"].get<uint64_t>()),
                      p["status"].get<std::string>(), std::to_string(p["attempts"].get<int>()),
                      p["layers_done"].is_null() ? "-" : std::to_string(p["layers_done"].get<int>()), figure(p["top1"])});
    table.print(std::cout);
    return kOk;
}

void writeBestConfig(const Json& report, const std::string& dir, const std::string& file)
{
    if (report["best"].is_null())
        throw adaround::Error("no point has completed: there is no best configuration yet");
    if (std::filesystem::exists(file))
        throw adaround::Error(file + ": the file exists; --best-config never replaces a file");
    const int point = report["best"]["point"].get<int>();
    adaround::saveConfigFile(adaround::loadConfigFile(adaround::sweepPointConfigPath(dir, point)), file);
}

int report(const SweepReportOptions& o)
{
    const Json r = readReport(o.dir);
    if (o.csv->count())
        adaround::writeFileAtomically(lastValue(o.csv), adaround::sweepReportCsv(r), "CSV file");
    if (o.bestConfig->count())
        writeBestConfig(r, r["dir"].get<std::string>(), lastValue(o.bestConfig));
    if (flagIsSet(o.reportJson)) {
        std::cout << adaround::dumpJson(r) << std::endl;
        return kOk;
    }
    std::cout << r["dir"].get<std::string>() << ": " << countsText(r) << "\n\nPoints (top-1 %)\n";
    TextTable points({"point", "settings", "seed", "status", "FP32", "RTN", "AdaRound", "settled", "seconds"},
                     {false, false, true, false, true, true, true, true, true});
    for (const Json& p : r["points"])
        points.addRow({p["name"].get<std::string>(), settingsText(p["settings"]),
                       std::to_string(p["seed"].get<uint64_t>()), p["status"].get<std::string>(), figure(p["fp32_top1"]),
                       figure(p["rtn_top1"]), figure(p["top1"]),
                       p["settled_share"].is_null() ? "-" : fixed(100 * p["settled_share"].get<double>(), 1) + " %",
                       p["seconds"].is_null() ? "-" : fixed(p["seconds"].get<double>(), 1)});
    points.print(std::cout);
    std::cout << "\nOver seeds (top-1 %, mean ± std)\n";
    TextTable groups({"settings", "seeds", "AdaRound", "RTN", "FP32"}, {false, true, true, true, true});
    for (const Json& g : r["groups"])
        groups.addRow({settingsText(g["settings"]),
                       std::to_string(g["completed"].get<int>()) + "/" + std::to_string(g["points"].size()),
                       meanStd(g["top1"]), meanStd(g["rtn_top1"]), meanStd(g["fp32_top1"])});
    groups.print(std::cout);
    if (!r["best"].is_null()) {
        for (const Json& row : r["groups"])
            if (row["group"] == r["best"]["group"])
                std::cout << "\nbest: " << settingsText(row["settings"]) << " (AdaRound top-1 " << meanStd(row["top1"])
                          << " %; point " << adaround::sweepPointName(r["best"]["point"].get<int>()) << ")\n";
    }
    return kOk;
}

} // namespace

bool SweepReportCommands::parsed() const { return status->parsed() || report->parsed(); }

int SweepReportCommands::run() const
{
    rejectLeftovers(status->parsed() ? *status : *report);
    return status->parsed() ? cli::status(*options) : cli::report(*options);
}

SweepReportCommands addSweepReportCommands(CLI::App& sweep)
{
    SweepReportCommands c;
    c.options = std::make_shared<SweepReportOptions>();
    SweepReportOptions& o = *c.options;
    c.status = sweep.add_subcommand("status", "Each point's state (pending, queued, running, completed, failed, "
                                              "cancelled, killed) from its log, while the sweep runs.");
    c.status->add_option("DIR", o.dir, "the sweep folder")->required()->type_name("");
    o.statusJson = addPlainFlag(*c.status, "--json", "print the sweep report as JSON (as sweep report --json)");
    c.report = sweep.add_subcommand("report", "FP32 / RTN / AdaRound top-1 and top-5 per point, and mean ± std "
                                              "over seeds.");
    c.report->add_option("DIR", o.dir, "the sweep folder")->required()->type_name("");
    o.reportJson = addPlainFlag(*c.report, "--json", "print the report as one JSON object on stdout");
    o.csv = addValueOption(*c.report, "--csv", "FILE", "also write one CSV row per point to FILE");
    o.bestConfig = addValueOption(*c.report, "--best-config", "FILE",
                                  "write the configuration of the best point (highest mean AdaRound top-1 over "
                                  "seeds) to FILE, a new --config file");
    return c;
}

CommandRunner addSweepReadCommand(CLI::App& app)
{
    CLI::App* cmd = app.add_subcommand("sweep", "Read a sweep folder: sweep status DIR, sweep report DIR.");
    cmd->require_subcommand(1, 1);
    const SweepReportCommands reports = addSweepReportCommands(*cmd);
    return [reports] { return reports.run(); };
}

} // namespace cli
