#pragma once
// A run log's series as CSV files, one per series, for spreadsheets and pandas.
#include "adaround/run_log.h"

#include <string>
#include <vector>

namespace adaround {

// Writes into DIR (created if missing) and returns the files written:
//   iterations.csv  layer_index, layer, iteration, rec_loss, round_loss, beta, total_loss
//   histograms.csv  layer_index, layer, iteration, settled_share, bin_0 ... bin_<n-1>
//   progress.csv    layers_done, rtn_top1, adaround_top1
//   layers.csv      per layer: bits, iterations, completed and the final metrics
//   accuracy.csv    model (fp32, rtn, adaround), top1, top5, images (no rows unless completed)
// Throws Error, before writing anything, if one of them exists in DIR.
std::vector<std::string> exportRunLogCsv(const RunLog& log, const std::string& dir);

} // namespace adaround
