#include "adaround/run_log_csv.h"

#include "adaround/error.h"
#include "adaround/file_io.h"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <sstream>
#include <map>

namespace adaround {
namespace {

// A file's name and its complete text, written once every file is ready.
using Pending = std::vector<std::pair<std::string, std::string>>;

// One CSV file: cells joined with commas, text quoted when it needs to be.
// Built in memory; close() hands it to the list of files to write.
class Csv {
public:
    Csv(const std::string& path, Pending& pending) : path_(path), pending_(pending) {}
    Csv& cell(const std::string& text)
    {
        separate();
        if (text.find_first_of(",\"\n") == std::string::npos) {
            out_ << text;
            return *this;
        }
        out_ << '"';
        for (char c : text)
            out_ << (c == '"' ? "\"\"" : std::string(1, c));
        out_ << '"';
        return *this;
    }
    Csv& cell(double v)
    {
        if (!std::isfinite(v))
            return cell(std::string(std::isnan(v) ? "nan" : v > 0 ? "inf" : "-inf"));
        char buf[32];
        const auto res = std::to_chars(buf, buf + sizeof buf, v); // shortest round-trip form
        return cell(std::string(buf, res.ptr));
    }
    Csv& cell(int64_t v) { return cell(std::to_string(v)); }
    Csv& cell(int v) { return cell(int64_t(v)); }
    Csv& empty() { return cell(std::string()); }
    void endRow()
    {
        out_ << '\n';
        first_ = true;
    }
    void close() { pending_.emplace_back(path_, std::move(out_).str()); }

private:
    void separate()
    {
        if (!first_)
            out_ << ',';
        first_ = false;
    }
    std::string path_;
    Pending& pending_;
    std::ostringstream out_;
    bool first_ = true;
};

void header(Csv& csv, const std::vector<std::string>& names)
{
    for (const auto& n : names)
        csv.cell(n);
    csv.endRow();
}

} // namespace

std::vector<std::string> exportRunLogCsv(const RunLog& log, const std::string& dir)
{
    const RunRecord& r = log.record;
    const std::filesystem::path base(dir);
    const std::vector<std::string> names{"iterations.csv", "histograms.csv", "progress.csv", "layers.csv",
                                         "accuracy.csv"};
    std::error_code ec;
    const bool existed = std::filesystem::exists(base, ec);
    std::filesystem::create_directories(base, ec);
    if (!std::filesystem::is_directory(base))
        throw Error(dir + ": cannot create the folder" + (ec ? ": " + ec.message() : std::string()));
    std::vector<std::string> paths;
    for (const auto& n : names) {
        paths.push_back((base / n).string());
        if (std::filesystem::exists(paths.back()))
            throw Error(paths.back() + ": exists; export into an empty folder");
    }
    Pending pending;
    std::map<int, std::string> layerName;
    for (const auto& s : r.layerStarts)
        layerName[s.layer] = s.name;

    Csv iterations(paths[0], pending);
    header(iterations, {"layer_index", "layer", "iteration", "rec_loss", "round_loss", "beta", "total_loss"});
    for (const auto& e : r.iterations) {
        iterations.cell(e.layer).cell(layerName[e.layer]).cell(e.iteration).cell(e.recLoss).cell(e.roundLoss);
        iterations.cell(e.beta).cell(e.total).endRow();
    }
    iterations.close();

    Csv histograms(paths[1], pending);
    size_t bins = 0;
    for (const auto& h : r.histograms)
        bins = std::max(bins, h.counts.size());
    std::vector<std::string> columns{"layer_index", "layer", "iteration", "settled_share"};
    for (size_t b = 0; b < bins; ++b)
        columns.push_back("bin_" + std::to_string(b));
    header(histograms, columns);
    for (const auto& h : r.histograms) {
        histograms.cell(h.layer).cell(layerName[h.layer]).cell(h.iteration).cell(h.settledShare);
        for (int64_t c : h.counts)
            histograms.cell(c);
        histograms.endRow();
    }
    histograms.close();

    Csv progress(paths[2], pending);
    header(progress, {"layers_done", "rtn_top1", "adaround_top1"});
    for (const auto& p : r.progress)
        progress.cell(p.layersDone).cell(p.rtnTop1).cell(p.adaroundTop1).endRow();
    progress.close();

    Csv layers(paths[3], pending);
    header(layers, {"layer_index", "layer", "bits", "iterations", "completed", "optimised", "rec_mse_rtn",
                    "rec_mse_soft", "rec_mse_hard", "flipped_share", "settled_share", "kept_rtn", "objective",
                    "seconds", "iterations_per_second"});
    for (const auto& s : r.layerStarts) {
        layers.cell(s.layer).cell(s.name).cell(s.bits).cell(s.iterations);
        const LayerFinished* f = nullptr;
        for (const auto& l : r.layers)
            if (l.layer == s.layer)
                f = &l;
        layers.cell(f ? 1 : 0);
        if (f) {
            layers.cell(f->optimised ? 1 : 0).cell(f->recMseRtn).cell(f->recMseSoft).cell(f->recMseHard);
            layers.cell(f->flippedShare).cell(f->settledShare).cell(f->keptRtn ? 1 : 0).cell(toString(f->objective));
            layers.cell(f->seconds).cell(f->iterationsPerSecond);
        } else {
            for (int i = 0; i < 10; ++i)
                layers.empty();
        }
        layers.endRow();
    }
    layers.close();

    Csv accuracy(paths[4], pending);
    header(accuracy, {"model", "top1", "top5", "images"});
    if (r.finished)
        for (const auto& [name, a] : {std::pair<const char*, const Accuracy*>{"fp32", &r.finished->fp32},
                                      {"rtn", &r.finished->rtn},
                                      {"adaround", &r.finished->adaround}})
            accuracy.cell(std::string(name)).cell(a->top1).cell(a->top5).cell(a->count).endRow();
    if (r.baseline) // the progress curve's references, on its subset (images says how many)
        for (const auto& [name, a] : {std::pair<const char*, const Accuracy*>{"subset_fp32", &r.baseline->fp32},
                                      {"subset_rtn", &r.baseline->rtn}})
            accuracy.cell(std::string(name)).cell(a->top1).cell(a->top5).cell(a->count).endRow();
    accuracy.close();

    // Each file appears whole or not at all; on a failure (disk full) the ones
    // already written go too, so a retry finds the folder as it was.
    std::vector<std::string> written;
    try {
        for (const auto& [path, text] : pending) {
            writeNewFileAtomically(path, text, "CSV file");
            written.push_back(path);
        }
    } catch (const Error&) {
        std::error_code ec;
        for (const auto& w : written)
            std::filesystem::remove(w, ec);
        if (!existed)
            std::filesystem::remove(base, ec); // only if empty: ours
        throw;
    }
    return paths;
}

} // namespace adaround
