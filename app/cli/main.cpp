// adaround-cli: the engine, headless. See docs/cli.md for commands and exit codes.
#include "adaround/error.h"
#include "adaround/runtime.h"
#include "arg_parser.h"
#include "commands.h"

#include <iostream>

namespace {

const char* const kUsage = R"(usage: adaround-cli COMMAND [OPTIONS]

Commands:
  inspect MODEL [--json] [--fold-bn]
      List the quantizable layers (Conv2d, Linear) in forward order.
  rtn --model M --eval DIR --bits B [OPTIONS]
      FP32 vs round-to-nearest top-1/top-5 on an image folder.
      --bits-layer NAME=B     per-layer bits (2-8, or fp32 to keep a layer in float); repeatable
      --first-last-bits B     bits of the first and last layer (default 8; 'same' = --bits)
      --per-tensor            one grid per tensor (default: per output channel)
      --symmetric             symmetric grid (default: asymmetric)
      --preprocess NAME       auto (default), fmnist or imagenet
      --channels 1|3 --resize N --crop N --mean a[,b,c] --std a[,b,c]
                              explicit preprocessing on top of the preset
      --batch N               evaluation batch size (default 256)

Common options:
  --json          print the result as one JSON object on stdout
  --threads N     compute threads (default: all cores)
  --quiet         no progress on stderr
  --help, --version

Exit codes: 0 success, 1 error (bad model, data or settings), 2 usage error.
)";

} // namespace

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        std::cout << kUsage;
        return args.empty() ? cli::kUsage : cli::kOk;
    }
    if (args[0] == "--version") {
        std::cout << "adaround-cli " << adaround::appVersion() << " (LibTorch " << adaround::torchVersion()
                  << ", OpenCV " << adaround::opencvVersion() << ", HDF5 " << adaround::hdf5Version() << ")\n";
        return cli::kOk;
    }
    const std::string command = args[0];
    args.erase(args.begin());
    for (const auto& a : args)
        if (a == "--help" || a == "-h") {
            std::cout << kUsage;
            return cli::kOk;
        }
    try {
        if (command == "inspect")
            return cli::runInspect(args);
        if (command == "rtn")
            return cli::runRtn(args);
        throw cli::UsageError("unknown command '" + command + "' (commands: inspect, rtn)");
    } catch (const cli::UsageError& e) {
        std::cerr << "adaround-cli: " << e.what() << "\n";
        return cli::kUsage;
    } catch (const adaround::Error& e) {
        std::cerr << "adaround-cli: error: " << e.what() << "\n";
        return cli::kFailed;
    } catch (const std::exception& e) {
        std::cerr << "adaround-cli: internal error: " << e.what() << "\n";
        return cli::kFailed;
    }
}
