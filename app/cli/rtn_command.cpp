#include "adaround/json.h"
#include "adaround/rtn_comparison.h"
#include "adaround/runtime.h"
#include "commands.h"
#include "knob_options.h"
#include "option_helpers.h"
#include "run_report.h"
#include "shared_options.h"
#include "terminal_progress.h"
#include "text_table.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

namespace cli {
namespace {

// The knobs that mean something for a round-to-nearest comparison.
const std::vector<std::string> kRtnKnobs{"model",       "eval",      "preprocess", "bits", "first_last_bits",
                                         "per_channel", "symmetric", "threads"};

struct RtnOptions {
    explicit RtnOptions(CLI::App& cmd)
        : knobs(cmd, adaround::AdaRoundConfig{}, kRtnKnobs), shared(cmd),
          batch(addValueOption(cmd, "--batch", "INT", "evaluation batch size [between 1 and 65536; default 256]")
                    ->group("Runtime")),
          json(addPlainFlag(cmd, "--json", "print the result as one JSON object on stdout")->group("Output")),
          quiet(addPlainFlag(cmd, "--quiet", "no progress on stderr")->group("Output"))
    {
        knobs.require("model");
        knobs.require("eval");
        knobs.require("bits");
    }

    KnobOptions knobs;
    SharedOptions shared;
    CLI::Option* batch;
    CLI::Option* json;
    CLI::Option* quiet;
};

adaround::RtnRequest requestFrom(const RtnOptions& o, int* threads)
{
    adaround::AdaRoundConfig c;
    o.knobs.applyTo(c);
    o.shared.applyTo(c);
    *threads = c.threads;
    adaround::RtnRequest r = adaround::rtnRequestFor(c);
    if (o.batch->count()) {
        const adaround::Knob& batchKnob = *adaround::findKnob("batch_size"); // same range as the run's
        r.batchSize = int(std::get<int64_t>(parseOptionValue(batchKnob, "--batch", lastValue(o.batch))));
    }
    return r;
}

void printJson(const adaround::RtnReport& rep)
{
    adaround::Json layers = adaround::Json::array();
    for (const auto& l : rep.layers)
        layers.push_back({{"name", l.layer.name},
                          {"kind", adaround::describeKind(l.layer)},
                          {"bits", l.bits ? adaround::Json(l.bits) : adaround::Json()},
                          {"weight_rel_error", l.weightRelError}});
    const adaround::Json doc = {{"model", rep.modelPath},
                                {"preprocess", rep.preprocess.describe()},
                                {"eval_images", rep.evalImages},
                                {"classes", classesJson(rep.classes, false)},
                                {"skipped_images", rep.skippedImages.size()},
                                {"skipped_files", skippedJson(rep.skippedImages)},
                                {"folded_batchnorms", rep.foldedBatchNorms},
                                {"fp32", accuracyJson(rep.fp32)},
                                {"rtn", accuracyJson(rep.rtn)},
                                {"layers", layers},
                                {"left_in_float", floatLayersJson(rep.floatLayers)}};
    std::cout << adaround::dumpJson(doc) << std::endl;
}

void printText(const adaround::RtnReport& rep)
{
    std::cout << "model:       " << rep.modelPath << "\n"
              << "preprocess:  " << rep.preprocess.describe() << "\n"
              << "eval images: " << rep.evalImages;
    if (!rep.skippedImages.empty())
        std::cout << " (" << rep.skippedImages.size() << " unreadable, skipped)";
    std::cout << "\nclasses:     " << adaround::describeClassMapping(rep.classes);
    std::cout << "\nBatchNorm folded into " << rep.foldedBatchNorms << " convs\n\n";

    TextTable layers({"layer", "kind", "bits", "weight rel. error"}, {false, false, true, true});
    for (const auto& l : rep.layers)
        layers.addRow({l.layer.name, adaround::describeKind(l.layer), l.bits ? std::to_string(l.bits) : "fp32",
                       l.bits ? fixed(l.weightRelError * 100.0, 3) + " %" : "-"});
    layers.print(std::cout);
    printFloatLayers(rep.floatLayers, std::cout);
    std::cout << "\n";
    TextTable acc({"", "top-1 %", "top-5 %"}, {false, true, true});
    acc.addRow({"FP32", fixed(rep.fp32.top1, 2), fixed(rep.fp32.top5, 2)});
    acc.addRow({"round-to-nearest", fixed(rep.rtn.top1, 2), fixed(rep.rtn.top5, 2)});
    acc.print(std::cout);
}

} // namespace

CommandRunner addRtnCommand(CLI::App& app)
{
    CLI::App* cmd = app.add_subcommand("rtn", "FP32 vs round-to-nearest top-1/top-5 on an image folder.");
    auto o = std::make_shared<RtnOptions>(*cmd);
    return [o, cmd] {
        rejectLeftovers(*cmd);
        int threads = 0;
        const adaround::RtnRequest request = requestFrom(*o, &threads);
        const bool json = flagIsSet(o->json), quiet = flagIsSet(o->quiet);
        noteThreadLimit(threads);
        adaround::setThreads(threads);

        TerminalProgress progress(!quiet);
        const adaround::RtnReport report =
            adaround::compareRoundToNearest(request, [&](const adaround::Progress& pr) { progress.update(pr); });
        progress.finish();
        printSkipped(report.skippedImages, std::cerr);
        if (json)
            printJson(report);
        else
            printText(report);
        return kOk;
    };
}

} // namespace cli
