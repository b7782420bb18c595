#include "run_outputs.h"

#include "adaround/config_json.h"
#include "adaround/error.h"
#include "adaround/file_io.h"
#include "adaround/run_export.h"
#include "adaround/run_log.h"

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

// The run log's writer, on a fresh default path unless --log names one.
std::unique_ptr<adaround::RunLogWriter> openRunLog(const RunSettings& o)
{
    if (o.noLog)
        return nullptr;
    if (!o.logPath.empty())
        return std::make_unique<adaround::RunLogWriter>(o.logPath);
    const std::string dir = adaround::defaultRunsDir();
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec)
        throw adaround::Error(dir + ": cannot create the runs folder: " + ec.message() + " (use --log FILE or --no-log)");
    for (int attempt = 1;; ++attempt) {
        const std::string path = adaround::defaultRunLogPath(dir);
        try {
            return std::make_unique<adaround::RunLogWriter>(path);
        } catch (const adaround::Error&) {
            // Another run took the name in the same second: take the next one.
            if (attempt == 5 || !std::filesystem::exists(path))
                throw;
        }
    }
}

} // namespace cli
