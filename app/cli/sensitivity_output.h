#pragma once
// What `sensitivity` prints: the per-layer table and the mixed-precision plan,
// as aligned text or as one JSON document.
#include "adaround/accuracy_figures.h"
#include "adaround/json.h"
#include "adaround/precision_plan.h"
#include "adaround/sensitivity.h"

#include <optional>
#include <ostream>
#include <string>

namespace cli {

// A plan with what it was measured at and where it was written.
struct PlanOutcome {
    adaround::PrecisionPlan plan;
    int64_t budgetBits = 0;
    adaround::Accuracy measured; // every layer at the plan's bits, on the same images
    std::string configPath;      // --apply FILE; "" = not written
};

// The sensitivity table's rows as the planner's input.
std::vector<adaround::PlanLayer> planLayers(const adaround::SensitivityReport& report);

// {"model", "preprocess", "eval_images", "folder_images", "classes", "fp32_top1",
//  "all_quantized_top1": {"B": ..}, "layers": [{"name", "kind", "params", "weights",
//  "bits": {"B": {"top1", "drop", "mse", "others_quantized_top1", "others_quantized_mse"}}}],
//  "plan": {...} or null}
adaround::Json sensitivityJson(const adaround::SensitivityReport& report, const std::optional<PlanOutcome>& plan);

void printSensitivityTable(const adaround::SensitivityReport& report, std::ostream& out);
void printPlan(const adaround::SensitivityReport& report, const PlanOutcome& plan, std::ostream& out);

} // namespace cli
