#include "run_report.h"

#include "text_table.h"

#include <cmath>

namespace cli {

adaround::Json layerJson(const adaround::LayerFinished& l)
{
    return {{"name", l.name},
            {"bits", l.bits},
            {"optimised", l.optimised},
            {"rec_mse_rtn", l.recMseRtn},
            {"rec_mse_soft", l.recMseSoft},
            {"rec_mse_hard", l.recMseHard},
            {"flipped_share", l.flippedShare},
            {"settled_share", l.settledShare},
            {"kept_rtn", l.keptRtn},
            // the one the layer ran with (auto resolves per layer); none for RTN-only layers
            {"objective", l.optimised ? adaround::Json(toString(l.objective)) : adaround::Json()},
            {"seconds", l.seconds},
            {"iterations_per_second", l.iterationsPerSecond}};
}

adaround::Json progressJson(const std::vector<adaround::AccuracyPoint>& progress)
{
    adaround::Json a = adaround::Json::array();
    for (const auto& p : progress)
        a.push_back({{"layers_done", p.layersDone}, {"rtn_top1", p.rtnTop1}, {"adaround_top1", p.adaroundTop1}});
    return a;
}

adaround::Json accuracyJson(const adaround::Accuracy& a)
{
    return {{"top1", a.top1}, {"top5", a.top5}};
}

adaround::Json baselineJson(const std::optional<adaround::SubsetBaseline>& b)
{
    if (!b)
        return nullptr;
    return {{"images", b->fp32.count}, {"fp32", accuracyJson(b->fp32)}, {"rtn", accuracyJson(b->rtn)}};
}

std::string describeBaseline(const adaround::SubsetBaseline& b)
{
    return "eval subset (" + std::to_string(b.fp32.count) + " images) before the first layer: FP32 top-1 " +
           fixed(b.fp32.top1, 2) + "%, RTN of every planned layer " + fixed(b.rtn.top1, 2) + "%";
}

void addAccuracyJson(adaround::Json& j, const adaround::RunFinished& f)
{
    j["fp32"] = accuracyJson(f.fp32);
    j["rtn"] = accuracyJson(f.rtn);
    j["adaround"] = accuracyJson(f.adaround);
}

adaround::Json skippedJson(const std::vector<adaround::SkippedFile>& skipped)
{
    adaround::Json a = adaround::Json::array();
    for (const auto& f : skipped)
        a.push_back({{"file", f.path}, {"reason", f.reason}});
    return a;
}

void printSkipped(const std::vector<adaround::SkippedFile>& skipped, std::ostream& out)
{
    for (const auto& f : skipped)
        out << "skipped: " << f.describe() << "\n";
}

adaround::Json classesJson(const adaround::ClassMapping& m, bool withCalib)
{
    adaround::Json j = {{"names", m.names}, {"source", m.source}};
    if (withCalib)
        j["calib"] = m.calibClasses;
    j["eval"] = m.evalClasses;
    return j;
}

adaround::Json floatLayersJson(const std::vector<adaround::FloatLayer>& layers)
{
    adaround::Json a = adaround::Json::array();
    for (const auto& l : layers)
        a.push_back({{"name", l.name}, {"kind", l.kind}});
    return a;
}

void printFloatLayers(const std::vector<adaround::FloatLayer>& layers, std::ostream& out)
{
    if (layers.empty())
        return;
    out << "left in float (not quantized, AdaRound does not handle them):";
    for (size_t i = 0; i < layers.size(); ++i)
        out << (i ? ", " : " ") << layers[i].name << " (" << layers[i].kind << ")";
    out << "\n";
}

void printLayerTable(const std::vector<adaround::LayerFinished>& layers, std::ostream& out)
{
    TextTable table({"layer", "bits", "objective", "rec MSE RTN", "AdaRound soft", "AdaRound hard", "flipped",
                     "settled", "time s", "note"},
                    {false, true, false, true, true, true, true, true, true, false});
    for (const auto& l : layers) {
        if (!l.optimised) {
            // Its RTN error where the run measured it (NaN: no input at hand, after the last optimised layer).
            table.addRow({l.name, std::to_string(l.bits), "-", std::isfinite(l.recMseRtn) ? scientific(l.recMseRtn) : "-",
                          "-", "-", "-", "-", "-", "RTN (by config)"});
            continue;
        }
        table.addRow({l.name, std::to_string(l.bits), toString(l.objective), scientific(l.recMseRtn),
                      scientific(l.recMseSoft), scientific(l.recMseHard), fixed(100 * l.flippedShare, 1) + "%",
                      fixed(100 * l.settledShare, 1) + "%", fixed(l.seconds, 1),
                      l.keptRtn ? "kept RTN (hard worse)" : ""});
    }
    table.print(out);
}

void printAccuracyTable(const adaround::RunFinished& f, std::ostream& out)
{
    TextTable acc({"", "top-1 %", "top-5 %"}, {false, true, true});
    acc.addRow({"FP32", fixed(f.fp32.top1, 2), fixed(f.fp32.top5, 2)});
    acc.addRow({"round-to-nearest", fixed(f.rtn.top1, 2), fixed(f.rtn.top5, 2)});
    acc.addRow({"AdaRound", fixed(f.adaround.top1, 2), fixed(f.adaround.top5, 2)});
    acc.print(out);
}

} // namespace cli
