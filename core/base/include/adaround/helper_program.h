#pragma once
// Finding a program this one starts (the run-log sandbox helper, the CLI's
// engine): beside the running program (a build tree), in
// ../libexec/adaround-workbench (an installed or unpacked tree), then at the
// path this build installs it to.
#include <string>
#include <vector>

namespace adaround {

// The places looked in, in order.
std::vector<std::string> helperProgramCandidates(const std::string& name, const std::string& installedPath);

// The first candidate that is an executable regular file; "" if none.
std::string findHelperProgram(const std::vector<std::string>& candidates);

} // namespace adaround
