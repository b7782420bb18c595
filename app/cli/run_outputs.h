#pragma once
// The files `run` writes (--save-config, --export, --log), checked before the
// run starts so that a refused output costs seconds, not a finished run: none
// may be an input (the model, the image folders, the --config file, however
// they are named), an existing file or a non-empty folder needs --force, and
// their folders must be writable.
#include "run_options.h"

#include <memory>
#include <string>

namespace adaround {
class RunLogWriter;
}

namespace cli {

// Throws adaround::Error (exit 1) with a one-line reason.
void checkRunOutputs(const RunSettings& settings);

// Writes --save-config FILE whole or not at all (replacing only with --force).
// Throws adaround::Error with the reason.
void saveRunConfig(const RunSettings& settings);

// The run log's writer, on a fresh default path unless --log names one; null
// with --no-log. Throws adaround::Error naming the file or folder.
std::unique_ptr<adaround::RunLogWriter> openRunLog(const RunSettings& settings);

} // namespace cli
