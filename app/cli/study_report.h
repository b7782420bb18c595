#pragma once
// How the CLI shows a stochastic-rounding study (live or from its log): one
// JSON object, or a readable summary.
#include "adaround/json.h"
#include "adaround/study_events.h"

#include <ostream>
#include <string>

namespace cli {

// The JSON of `study stochastic --json` and `study show --json` (docs/cli.md).
adaround::Json studyJson(const adaround::StudyRecord& record, const std::string& logPath);

// The settings, the references, the statistics and a text histogram of the samples' top-1.
void printStudySummary(const adaround::StudyRecord& record, std::ostream& out);

} // namespace cli
