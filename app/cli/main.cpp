// adaround-cli: the engine, headless. See docs/cli.md for commands and exit codes.
#include "adaround/error.h"
#include "adaround/run_log.h"
#include "adaround/runtime.h"
#include "adaround/versions.h"
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

  run --model M --calib DIR --eval DIR [OPTIONS]
      AdaRound, layer by layer, then FP32 / RTN / AdaRound top-1 and top-5.
      --bits B, --bits-layer NAME=B, --first-last-bits B, --per-tensor, --symmetric,
      --preprocess NAME    as for rtn
      --rtn-layer NAME     quantize this layer with round-to-nearest only; repeatable
      --iters N            iterations per layer (default 10000, as the paper)
      --batch N            minibatch (32)        --lr L          Adam learning rate (1e-3)
      --lambda L           rounding-loss weight (0.01; rec loss summed over channels,
                           averaged over batch and positions, as AIMET and BRECQ)
      --beta S:E           beta annealing start:end (20:2)
      --warmup F           fraction of iterations without the rounding loss (0.2)
      --schedule linear|cosine   beta decay shape (linear as BRECQ, cosine as AIMET)
      --calib-size N       calibration images (1024)   --eval-subset N  progress-curve images (1000)
      --objective paper|exact   minibatch loss through the activation (paper), or the
                           second-moment form over all calibration data (exact)
      --act-bits B         also quantize activations: every quantized layer's input,
                           per tensor, MSE-calibrated (0 = float, the default)
      --seed S             sampling seed (0)
      --config FILE        start from a JSON configuration (options given here override it)
      --save-config FILE   write the effective configuration as JSON
      --export DIR         write model.pt (TorchScript), encodings.json (AIMET layout)
                           and weights/*.npy (integer codes, scales, zero-points)
      --log FILE           the HDF5 run log (default: a new run-<date>-<time>.h5 in
                           $XDG_DATA_HOME/adaround-workbench/runs, or
                           ~/.local/share/adaround-workbench/runs); never overwrites
      --no-log             write no run log

  log info FILE [--json]
      Status, configuration, per-layer figures and accuracies of a run log.
  log export-csv FILE DIR
      One CSV per series (iterations, histograms, progress, layers, accuracy) in DIR.

Common options:
  --json          print the result as one JSON object on stdout
  --threads N     compute threads (default: all cores)
  --quiet         no progress on stderr
  --help, --version

Exit codes: 0 success, 1 error (bad model, data or settings), 2 usage error,
3 run cancelled (Ctrl+C; the completed layers are reported).
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
        if (command == "run")
            return cli::runAdaRound(args);
        if (command == "log")
            return cli::runLog(args);
        throw cli::UsageError("unknown command '" + command + "' (commands: inspect, rtn, run, log)");
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
