#pragma once
// adaround-cli log flips FILE [--layer NAME] [--json]: per optimised layer,
// how many weights AdaRound rounded the other way from nearest, and the share
// flipped by distance of the weight's fractional position from 0.5.
#include "adaround/run_log.h"

#include <ostream>
#include <string>

namespace cli {

// Prints the log's flips (one layer with LAYER, else all); throws adaround::Error
// for a LAYER the log does not have.
void printFlips(const adaround::RunLog& log, const std::string& layer, bool json, std::ostream& out);

} // namespace cli
