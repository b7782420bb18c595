#pragma once
// The files `run` writes (--save-config, --export, --log), checked before the
// run starts so that a refused output costs seconds, not a finished run: none
// may be an input (the model, the image folders, the --config file, however
// they are named), an existing file or a non-empty folder needs --force, and
// their folders must be writable.
#include "run_options.h"

#include <string>

namespace cli {

// Throws adaround::Error (exit 1) with a one-line reason.
void checkRunOutputs(const RunSettings& settings);

// Writes --save-config FILE whole or not at all (replacing only with --force).
// Throws adaround::Error with the reason.
void saveRunConfig(const RunSettings& settings);

} // namespace cli
