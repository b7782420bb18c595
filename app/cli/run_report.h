#pragma once
// A run's figures as the CLI prints them, shared by `run` and `log info` so a
// logged run reads the same as a live one.
#include "adaround/json_writer.h"
#include "adaround/run_events.h"

#include <ostream>
#include <vector>

namespace cli {

// {"name", "bits", "optimised", "rec_mse_rtn", ..., "iterations_per_second"}
void writeLayerJson(adaround::JsonWriter& j, const adaround::LayerFinished& l);
void writeProgressJson(adaround::JsonWriter& j, const std::vector<adaround::AccuracyPoint>& progress);
// "fp32", "rtn", "adaround": {"top1", "top5"}
void writeAccuracyJson(adaround::JsonWriter& j, const adaround::RunFinished& f);

void printLayerTable(const std::vector<adaround::LayerFinished>& layers, std::ostream& out);
void printAccuracyTable(const adaround::RunFinished& f, std::ostream& out);

} // namespace cli
