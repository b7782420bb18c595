#include "run_report.h"

#include "text_table.h"

namespace cli {

void writeLayerJson(adaround::JsonWriter& j, const adaround::LayerFinished& l)
{
    j.beginObject().key("name").value(l.name).key("bits").value(l.bits).key("optimised").value(l.optimised);
    j.key("rec_mse_rtn").value(l.recMseRtn).key("rec_mse_soft").value(l.recMseSoft);
    j.key("rec_mse_hard").value(l.recMseHard).key("flipped_share").value(l.flippedShare);
    j.key("settled_share").value(l.settledShare).key("kept_rtn").value(l.keptRtn);
    j.key("seconds").value(l.seconds).key("iterations_per_second").value(l.iterationsPerSecond).endObject();
}

void writeProgressJson(adaround::JsonWriter& j, const std::vector<adaround::AccuracyPoint>& progress)
{
    j.beginArray();
    for (const auto& p : progress)
        j.beginObject().key("layers_done").value(p.layersDone).key("rtn_top1").value(p.rtnTop1)
            .key("adaround_top1").value(p.adaroundTop1).endObject();
    j.endArray();
}

void writeAccuracyJson(adaround::JsonWriter& j, const adaround::RunFinished& f)
{
    auto acc = [&](const char* key, const adaround::Accuracy& a) {
        j.key(key).beginObject().key("top1").value(a.top1).key("top5").value(a.top5).endObject();
    };
    acc("fp32", f.fp32);
    acc("rtn", f.rtn);
    acc("adaround", f.adaround);
}

void printLayerTable(const std::vector<adaround::LayerFinished>& layers, std::ostream& out)
{
    TextTable table({"layer", "bits", "rec MSE RTN", "AdaRound soft", "AdaRound hard", "flipped", "settled",
                     "time s", "note"},
                    {false, true, true, true, true, true, true, true, false});
    for (const auto& l : layers) {
        if (!l.optimised) {
            table.addRow({l.name, std::to_string(l.bits), "-", "-", "-", "-", "-", "-", "RTN (by config)"});
            continue;
        }
        table.addRow({l.name, std::to_string(l.bits), scientific(l.recMseRtn), scientific(l.recMseSoft),
                      scientific(l.recMseHard), fixed(100 * l.flippedShare, 1) + "%",
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
