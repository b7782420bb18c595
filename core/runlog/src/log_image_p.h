#pragma once
// A log built in memory and saved whole: an in-memory HDF5 file with room for
// the integrity header, and its sealed image (run_log_seal_p.h). Shared by the
// run-log and the study-log writers, so both are crash-safe the same way.
#include "h5_p.h"

#include <string>
#include <vector>

namespace adaround {

// A new in-memory HDF5 file named NAME (for HDF5's messages), with the user
// block the integrity header goes into.
h5::Handle createInMemoryLog(const std::string& name);

// The file's complete image, sealed for SCHEMAVERSION, in BUFFER (reused).
std::vector<char>& sealedImage(hid_t file, std::vector<char>& buffer, int schemaVersion);

} // namespace adaround
