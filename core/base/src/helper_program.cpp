#include "adaround/helper_program.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

namespace adaround {

std::vector<std::string> helperProgramCandidates(const std::string& name, const std::string& installedPath)
{
    std::vector<std::string> out;
    std::error_code ec;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        out.push_back((self.parent_path() / name).string());
        out.push_back((self.parent_path() / "../libexec/adaround-workbench" / name).string());
    }
    out.push_back(installedPath);
    return out;
}

std::string findHelperProgram(const std::vector<std::string>& candidates)
{
    for (const std::string& c : candidates) {
        struct stat st {};
        if (::stat(c.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(c.c_str(), X_OK) == 0)
            return c;
    }
    return {};
}

} // namespace adaround
