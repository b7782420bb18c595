#include "study_report.h"

#include "adaround/config_json.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace cli {
namespace {

using adaround::Json;

// NaN (an undefined correlation) as null: JSON has no NaN.
Json number(double v)
{
    return std::isfinite(v) ? Json(v) : Json();
}

Json pointJson(const adaround::StudyPoint& p)
{
    return {{"top1", p.top1}, {"rec_mse", p.recMse}, {"flipped_share", p.flippedShare}};
}

const char* endName(const adaround::StudyRecord& r)
{
    if (!r.end)
        return "running";
    switch (*r.end) {
    case adaround::RunEnd::Completed: return "completed";
    case adaround::RunEnd::Cancelled: return "cancelled";
    case adaround::RunEnd::Failed: return "failed";
    }
    return "failed";
}

std::string fixed(double v, int digits)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

std::string scientific(double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3e", v);
    return buf;
}

} // namespace

Json studyJson(const adaround::StudyRecord& r, const std::string& logPath)
{
    const adaround::StudySettings& s = r.started.settings;
    // The statistics of the samples measured, also for a cancelled study.
    const adaround::StudyStatistics stats =
        r.baseline ? adaround::studyStatistics(r.baseline->rtn, r.samples) : adaround::StudyStatistics{};
    Json doc = {{"status", endName(r)}};
    if (!r.error.empty())
        doc["error"] = r.error;
    doc["layer"] = s.layer;
    doc["layer_index"] = r.started.layerIndex;
    doc["bits"] = s.bits;
    doc["samples_requested"] = s.samples;
    doc["seed"] = s.seed;
    doc["with_adaround"] = s.withAdaRound;
    doc["calib_images"] = r.started.calibImages;
    doc["eval_images"] = r.started.evalImages;
    doc["fp32_top1"] = r.baseline ? Json(r.baseline->fp32Top1) : Json();
    doc["rtn"] = r.baseline ? pointJson(r.baseline->rtn) : Json();
    Json samples = Json::array();
    for (const adaround::StudySample& sample : r.samples) {
        Json j = pointJson(sample.point);
        j["seed"] = sample.seed;
        samples.push_back(std::move(j));
    }
    doc["samples"] = std::move(samples);
    if (r.adaround) {
        doc["adaround"] = pointJson(r.adaround->point);
        doc["adaround"]["kept_rtn"] = r.adaround->keptRtn;
        doc["adaround"]["seconds"] = r.adaround->seconds;
    } else {
        doc["adaround"] = Json();
    }
    doc["better_than_rtn"] = r.samples.empty() ? Json() : Json(stats.betterThanRtn);
    doc["equal_to_rtn"] = r.samples.empty() ? Json() : Json(stats.equalToRtn);
    doc["best_top1"] = r.samples.empty() ? Json() : Json(stats.bestTop1);
    doc["worst_top1"] = r.samples.empty() ? Json() : Json(stats.worstTop1);
    doc["mean_top1"] = r.samples.empty() ? Json() : Json(stats.meanTop1);
    doc["correlation_top1_rec_mse"] = number(stats.correlation);
    doc["seconds"] = r.finished ? Json(r.finished->seconds) : Json();
    doc["config"] = r.hasStarted ? adaround::parseJson(adaround::configToJson(r.started.config)) : Json();
    doc["log"] = logPath.empty() ? Json() : Json(logPath);
    return doc;
}

void printStudySummary(const adaround::StudyRecord& r, std::ostream& out)
{
    if (!r.hasStarted || !r.baseline) {
        out << "the study " << endName(r) << " before its references were measured\n";
        return;
    }
    const adaround::StudySettings& s = r.started.settings;
    const double rtn = r.baseline->rtn.top1;
    out << "layer " << s.layer << " at " << s.bits << " bits, every other layer in FP32; top-1 on "
        << r.started.evalImages << " images, rec MSE on " << r.started.calibImages << " calibration images\n";
    out << "  FP32                 top-1 " << fixed(r.baseline->fp32Top1, 2) << " %\n";
    out << "  round-to-nearest     top-1 " << fixed(rtn, 2) << " %   rec MSE " << scientific(r.baseline->rtn.recMse)
        << "\n";
    if (r.adaround)
        out << "  AdaRound             top-1 " << fixed(r.adaround->point.top1, 2) << " %   rec MSE "
            << scientific(r.adaround->point.recMse) << (r.adaround->keptRtn ? "   (kept nearest)" : "") << "\n";
    if (r.samples.empty()) {
        out << "no stochastic rounding measured (" << endName(r) << ")\n";
        return;
    }
    const adaround::StudyStatistics st = adaround::studyStatistics(r.baseline->rtn, r.samples);
    out << "\n" << st.samples << " stochastic roundings (seeds " << s.seed << " .. " << s.seed + st.samples - 1
        << "):\n";
    out << "  better than nearest  " << fixed(100 * st.betterThanRtn, 1) << " % of samples (equal: "
        << fixed(100 * st.equalToRtn, 1) << " %)\n";
    out << "  top-1 best / mean / worst  " << fixed(st.bestTop1, 2) << " / " << fixed(st.meanTop1, 2) << " / "
        << fixed(st.worstTop1, 2) << " %   (best - nearest: " << (st.bestTop1 >= rtn ? "+" : "")
        << fixed(st.bestTop1 - rtn, 2) << " points)\n";
    out << "  correlation of top-1 with rec MSE  "
        << (std::isfinite(st.correlation) ? fixed(st.correlation, 3) : std::string("undefined")) << "\n\n";

    // A text histogram of the samples' top-1, nearest marked.
    constexpr int kBins = 12;
    const double lo = std::min(st.worstTop1, rtn), hi = std::max(st.bestTop1, rtn);
    const double width = hi > lo ? (hi - lo) / kBins : 1.0;
    std::vector<int> counts(kBins, 0);
    for (const auto& sample : r.samples)
        ++counts[size_t(std::clamp(int((sample.point.top1 - lo) / width), 0, kBins - 1))];
    const int most = *std::max_element(counts.begin(), counts.end());
    for (int b = 0; b < kBins; ++b) {
        const double from = lo + b * width, to = from + width;
        const bool nearest = rtn >= from && (rtn < to || b == kBins - 1);
        out << "  " << fixed(from, 2) << " - " << fixed(to, 2) << " % |"
            << std::string(size_t(most ? counts[size_t(b)] * 40 / most : 0), '#') << " " << counts[size_t(b)]
            << (nearest ? "   <- nearest" : "") << "\n";
    }
}

} // namespace cli
