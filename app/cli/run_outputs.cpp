#include "run_outputs.h"

#include "adaround/config_json.h"
#include "adaround/error.h"
#include "adaround/file_io.h"
#include "adaround/run_export.h"

#include <filesystem>

namespace cli {
namespace {

std::vector<adaround::NamedInput> runInputs(const RunSettings& s)
{
    return {{"the model (--model)", s.config.modelPath},
            {"the calibration folder (--calib)", s.config.calibDir},
            {"the evaluation folder (--eval)", s.config.evalDir},
            {"the configuration file (--config)", s.configFile}};
}

// Same path, whether or not it exists yet ("a/../b.json" and "b.json").
bool samePath(const std::string& a, const std::string& b)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    return adaround::sameFile(a, b) || fs::absolute(a, ec).lexically_normal() == fs::absolute(b, ec).lexically_normal();
}

} // namespace

void checkRunOutputs(const RunSettings& s)
{
    const std::vector<adaround::NamedInput> inputs = runInputs(s);
    if (!s.saveConfigPath.empty()) {
        adaround::checkOutputFile(s.saveConfigPath, inputs, s.force, "--save-config file",
                                  "--force replaces it (or choose a new name)");
        if (!s.logPath.empty() && samePath(s.saveConfigPath, s.logPath))
            throw adaround::Error(s.saveConfigPath + ": named by both --save-config and --log");
        if (!s.exportDir.empty() && adaround::isInside(s.saveConfigPath, s.exportDir))
            throw adaround::Error(s.saveConfigPath + ": inside the --export folder, which the export fills; "
                                                     "save the configuration elsewhere");
    }
    if (!s.logPath.empty()) {
        adaround::checkOutputFile(s.logPath, inputs, false, "run log", "a run log is never overwritten");
        if (!s.exportDir.empty() && adaround::isInside(s.logPath, s.exportDir))
            throw adaround::Error(s.logPath + ": inside the --export folder, which the export fills; "
                                              "write the log elsewhere");
    }
    if (!s.exportDir.empty())
        adaround::checkExportFolder(s.exportDir, inputs, s.force);
}

void saveRunConfig(const RunSettings& s)
{
    const std::string text = adaround::configToJson(s.config) + "\n";
    if (s.force)
        adaround::writeFileAtomically(s.saveConfigPath, text, "configuration");
    else
        adaround::writeNewFileAtomically(s.saveConfigPath, text, "configuration");
}

} // namespace cli
