#include "sensitivity_output.h"

#include "run_report.h"
#include "text_table.h"

namespace cli {
namespace {

std::string kilobytes(int64_t bits)
{
    return fixed(double(bits) / 8.0 / 1024.0, 1) + " KB";
}

adaround::Json planJson(const adaround::SensitivityReport& report, const PlanOutcome& p)
{
    adaround::Json bits = adaround::Json::object();
    for (size_t i = 0; i < report.layers.size(); ++i)
        bits[report.layers[i].layer.name] = p.plan.bits[i];
    return {{"budget_bits", p.budgetBits},
            {"bits", bits},
            {"size_bits", p.plan.sizeBits},
            {"size_kb", double(p.plan.sizeBits) / 8.0 / 1024.0},
            {"average_bits", p.plan.averageBits()},
            {"predicted_top1", report.fp32.top1 - p.plan.predictedDrop},
            {"measured_top1", p.measured.top1},
            {"config", p.configPath.empty() ? adaround::Json() : adaround::Json(p.configPath)}};
}

} // namespace

std::vector<adaround::PlanLayer> planLayers(const adaround::SensitivityReport& report)
{
    std::vector<adaround::PlanLayer> out;
    for (const auto& l : report.layers) {
        adaround::PlanLayer p;
        p.name = l.layer.name;
        p.weights = l.weights;
        for (const auto& [bits, s] : l.bits)
            p.options[bits] = {s.drop, s.mse};
        out.push_back(std::move(p));
    }
    return out;
}

adaround::Json sensitivityJson(const adaround::SensitivityReport& r, const std::optional<PlanOutcome>& plan)
{
    adaround::Json all = adaround::Json::object();
    for (const auto& [bits, acc] : r.allQuantized)
        all[std::to_string(bits)] = acc.top1;
    adaround::Json layers = adaround::Json::array();
    for (const auto& l : r.layers) {
        adaround::Json bits = adaround::Json::object();
        for (const auto& [b, s] : l.bits) {
            adaround::Json& j = bits[std::to_string(b)];
            j = {{"top1", s.top1},
                 {"drop", s.drop},
                 {"mse", s.mse},
                 {"others_quantized_top1", s.othersQuantizedTop1},
                 {"others_quantized_mse", s.othersQuantizedMse}};
            if (r.withAdaRound) {
                j["adaround_top1"] = s.adaroundTop1;
                j["adaround_drop"] = s.adaroundDrop;
                j["adaround_mse"] = s.adaroundMse;
            }
        }
        layers.push_back({{"name", l.layer.name},
                          {"kind", adaround::describeKind(l.layer)},
                          {"params", l.layer.params},
                          {"weights", l.weights},
                          {"bits", bits}});
    }
    return {{"model", r.modelPath},
            {"preprocess", r.preprocess.describe()},
            {"eval_images", r.evalImages},
            {"folder_images", r.folderImages},
            {"classes", classesJson(r.classes, false)},
            {"skipped_images", r.skippedImages.size()},
            {"folded_batchnorms", r.foldedBatchNorms},
            {"calib_images", r.withAdaRound ? adaround::Json(r.calibImages) : adaround::Json()},
            {"fp32_top1", r.fp32.top1},
            {"all_quantized_top1", all},
            {"layers", layers},
            {"plan", plan ? planJson(r, *plan) : adaround::Json()}};
}

void printSensitivityTable(const adaround::SensitivityReport& r, std::ostream& out)
{
    out << "model:       " << r.modelPath << "\n"
        << "preprocess:  " << r.preprocess.describe() << "\n"
        << "eval images: " << r.evalImages << " of " << r.folderImages;
    if (!r.skippedImages.empty())
        out << " (" << r.skippedImages.size() << " unreadable, skipped)";
    out << "\nFP32 top-1:  " << fixed(r.fp32.top1, 2) << " %";
    for (const auto& [bits, acc] : r.allQuantized)
        out << "; every layer at " << bits << " bits: " << fixed(acc.top1, 2) << " %";
    out << "\n\n";
    std::vector<std::string> header{"layer", "weights"};
    std::vector<bool> right{false, true};
    for (const auto& [bits, acc] : r.allQuantized) {
        const std::string b = std::to_string(bits) + "b ";
        for (const char* column : {"drop", "MSE", "rest top-1", "AR drop", "AR MSE"}) {
            if (!r.withAdaRound && column[0] == 'A')
                continue;
            header.push_back(b + column);
            right.push_back(true);
        }
    }
    TextTable table(header, right);
    for (const auto& l : r.layers) {
        std::vector<std::string> row{l.layer.name, std::to_string(l.weights)};
        for (const auto& [bits, s] : l.bits) {
            row.push_back(fixed(s.drop, 2));
            row.push_back(scientific(s.mse));
            row.push_back(fixed(s.othersQuantizedTop1, 2));
            if (r.withAdaRound) {
                row.push_back(fixed(s.adaroundDrop, 2));
                row.push_back(scientific(s.adaroundMse));
            }
        }
        table.addRow(row);
    }
    table.print(out);
    out << "drop: FP32 top-1 minus top-1 with this layer alone rounded to nearest (points); MSE: of the logits\n"
           "against FP32's, per element; rest top-1: every other layer at those bits, this one in float (%)\n";
    if (r.withAdaRound)
        out << "AR: this layer alone by AdaRound (" << r.calibImages << " calibration images) instead of RTN\n";
}

void printPlan(const adaround::SensitivityReport& r, const PlanOutcome& p, std::ostream& out)
{
    out << "\nmixed-precision plan for a budget of " << kilobytes(p.budgetBits) << " ("
        << fixed(double(p.budgetBits) / double(p.plan.weights), 2) << " bits per weight):\n";
    TextTable table({"layer", "weights", "bits", "drop"}, {false, true, true, true});
    for (size_t i = 0; i < r.layers.size(); ++i) {
        const auto& l = r.layers[i];
        table.addRow({l.layer.name, std::to_string(l.weights), std::to_string(p.plan.bits[i]),
                      fixed(l.bits.at(p.plan.bits[i]).drop, 2)});
    }
    table.print(out);
    out << "size:            " << kilobytes(p.plan.sizeBits) << " of weights, " << fixed(p.plan.averageBits(), 2)
        << " bits per weight\n"
        << "predicted top-1: " << fixed(r.fp32.top1 - p.plan.predictedDrop, 2)
        << " % (FP32 minus the chosen drops, each at least 0)\n"
        << "measured top-1:  " << fixed(p.measured.top1, 2) << " % (every layer at its planned bits)\n";
    if (!p.configPath.empty())
        out << "written to:      " << p.configPath << " (bits_layer; adaround-cli run --config "
            << p.configPath << ")\n";
}

} // namespace cli
