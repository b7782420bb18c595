#pragma once
// Parsing a run log that cannot be verified (no integrity header, or a failed
// check the user wants to open anyway) in a child process: the sandbox helper
// adaround-log-reader parses it and writes a fresh, sealed copy through the
// run-log writer; the parent verifies that copy and parses it in-process. A
// crash or runaway of HDF5 on the damaged bytes ends the child, not the program.
#include "adaround/run_log.h"

#include <string>

namespace adaround {

inline constexpr const char* kRunLogHelperName = "adaround-log-reader";
inline constexpr int kRunLogHelperSeconds = 60; // a real log takes well under a second

// The helper: next to the running executable, in its ../libexec/adaround-workbench,
// in the install prefix's libexec, or in the build tree. Throws Error if none is there.
std::string runLogHelperPath();

// Runs the helper on PATH and returns what it read, with the original's info
// (times, versions, status). Throws Error with the helper's one-line message,
// or "damaged run log: reading it crashed the HDF5 library (signal 11)".
RunLog parseRunLogInSandbox(const std::string& path);

// The parent's verdict on a finished helper, from its wait status, whether it
// overran its deadline and what it wrote on stderr (the reason is the line it
// marks "adaround-log-reader: "; the rest is a library's noise, also after
// it): "" if it succeeded, else one line naming PATH, control characters
// replaced. Fuzzed (tests/fuzz/runlog_seal_fuzz.cpp).
std::string sandboxFailure(const std::string& path, int waitStatus, bool timedOut, const std::string& stderrText);

// The helper's side: the sealed copy of LOG at OUT (a new file), written by the
// run-log writer, then stamped with LOG's info where the writer put its own.
void writeRunLogCopy(const RunLog& log, const std::string& out);

} // namespace adaround
