// adaround-cli-engine: every command of adaround-cli, with the engine (LibTorch,
// OpenCV). Users run adaround-cli, which execs this for all but the log commands.
// See docs/cli.md for commands and exit codes.
#include "adaround/run_log.h"
#include "adaround/versions.h"
#include "cli_main.h"

int main(int argc, char** argv)
{
    const std::string version = "adaround-cli " + adaround::appVersion() + " (LibTorch " + adaround::torchVersion() +
                                ", OpenCV " + adaround::opencvVersion() + ", HDF5 " + adaround::hdf5Version() + ")";
    return cli::runCli(argc, argv,
                       {{"inspect", cli::addInspectCommand},
                        {"rtn", cli::addRtnCommand},
                        {"run", cli::addRunCommand},
                        {"study", cli::addStudyCommand},
                        {"ablate", cli::addAblateCommand},
                        {"layer", cli::addLayerCommand},
                        {"sweep", cli::addSweepCommand},
                        {"sensitivity", cli::addSensitivityCommand},
                        {"log", cli::addLogCommand}},
                       version);
}
