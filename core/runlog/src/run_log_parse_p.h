#pragma once
// The HDF5 side of reading a run log: bytes in memory in, RunLog out. Called
// in-process only on verified bytes; the sandbox helper calls it on the rest.
#include "adaround/run_log.h"
#include "h5_p.h"

#include <string>

namespace adaround {

// Opens an HDF5 file image held in BYTES (the whole file, user block included)
// through the core driver: nothing is read from disk after the bytes were checked.
h5::Handle openRunLogImage(const std::string& bytes, const std::string& path, bool writable);

// Parses a run log from BYTES; PATH names it in messages and in info.path.
// Throws Error: not a run log, a newer schema, a damaged or inconsistent log.
RunLog parseRunLog(const std::string& bytes, const std::string& path);

// Throws Error if the record's parts do not fit together (an event of a layer
// the layer table does not have, weights whose sizes disagree): what the views
// index by must be in range, whatever the file said.
void checkRecord(const RunRecord& record);

// A completed run's final FP32 / RTN / AdaRound accuracy and its time, from
// /accuracy and the root's attributes (the full reader and the summary share it).
RunFinished readFinalAccuracy(hid_t root);

} // namespace adaround
