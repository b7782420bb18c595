#include "adaround/json_writer.h"
#include "adaround/rtn_comparison.h"
#include "adaround/runtime.h"
#include "arg_parser.h"
#include "commands.h"
#include "quant_options.h"
#include "terminal_progress.h"
#include "text_table.h"

#include <iostream>

namespace cli {
namespace {

adaround::RtnRequest requestFrom(const ArgParser& p)
{
    adaround::RtnRequest r;
    r.modelPath = p.required("model");
    r.evalDir = p.required("eval");
    if (!p.has("bits"))
        throw UsageError("--bits is required (2 to 8)");
    readQuantOptions(p, r.bits, r.quant);
    r.preprocessName = p.value("preprocess", "auto");
    r.preprocessOverrides.channels = p.intValue("channels", -1, 1, 3);
    if (p.has("channels") && r.preprocessOverrides.channels == 2)
        throw UsageError("--channels must be 1 or 3");
    r.preprocessOverrides.resize = p.intValue("resize", -1, 1, 4096);
    r.preprocessOverrides.crop = p.intValue("crop", -1, 1, 4096);
    r.preprocessOverrides.mean = p.floatList("mean");
    r.preprocessOverrides.std = p.floatList("std");
    r.batchSize = p.intValue("batch", 256, 1, 65536);
    return r;
}

void printJson(const adaround::RtnReport& rep)
{
    adaround::JsonWriter j;
    auto acc = [&](const char* key, const adaround::Accuracy& a) {
        j.key(key).beginObject().key("top1").value(a.top1).key("top5").value(a.top5).endObject();
    };
    j.beginObject().key("model").value(rep.modelPath);
    j.key("preprocess").value(rep.preprocess.describe());
    j.key("eval_images").value(rep.evalImages).key("skipped_images").value(int64_t(rep.skippedImages.size()));
    j.key("folded_batchnorms").value(rep.foldedBatchNorms);
    acc("fp32", rep.fp32);
    acc("rtn", rep.rtn);
    j.key("layers").beginArray();
    for (const auto& l : rep.layers) {
        j.beginObject().key("name").value(l.layer.name).key("kind").value(adaround::describeKind(l.layer));
        j.key("bits");
        if (l.bits)
            j.value(l.bits);
        else
            j.null();
        j.key("weight_rel_error").value(l.weightRelError).endObject();
    }
    j.endArray().endObject();
    std::cout << j.str() << std::endl;
}

void printText(const adaround::RtnReport& rep)
{
    std::cout << "model:       " << rep.modelPath << "\n"
              << "preprocess:  " << rep.preprocess.describe() << "\n"
              << "eval images: " << rep.evalImages;
    if (!rep.skippedImages.empty())
        std::cout << " (" << rep.skippedImages.size() << " unreadable, skipped)";
    std::cout << "\nBatchNorm folded into " << rep.foldedBatchNorms << " convs\n\n";

    TextTable layers({"layer", "kind", "bits", "weight rel. error"}, {false, false, true, true});
    for (const auto& l : rep.layers)
        layers.addRow({l.layer.name, adaround::describeKind(l.layer), l.bits ? std::to_string(l.bits) : "fp32",
                       l.bits ? fixed(l.weightRelError * 100.0, 3) + " %" : "-"});
    layers.print(std::cout);
    std::cout << "\n";
    TextTable acc({"", "top-1 %", "top-5 %"}, {false, true, true});
    acc.addRow({"FP32", fixed(rep.fp32.top1, 2), fixed(rep.fp32.top5, 2)});
    acc.addRow({"round-to-nearest", fixed(rep.rtn.top1, 2), fixed(rep.rtn.top5, 2)});
    acc.print(std::cout);
}

} // namespace

int runRtn(const std::vector<std::string>& args)
{
    ArgParser p;
    p.flag("json").flag("per-tensor").flag("symmetric").flag("quiet");
    for (const char* o : {"model", "eval", "bits", "bits-layer", "first-last-bits", "preprocess", "channels",
                          "resize", "crop", "mean", "std", "batch", "threads"})
        p.option(o);
    p.parse(args);
    if (!p.positionals().empty())
        throw UsageError("unexpected argument '" + p.positionals()[0] + "'");
    const adaround::RtnRequest request = requestFrom(p);
    adaround::setThreads(p.intValue("threads", 0, 0, 1024));

    TerminalProgress progress(!p.has("quiet"));
    const adaround::RtnReport report =
        adaround::compareRoundToNearest(request, [&](const adaround::Progress& pr) { progress.update(pr); });
    progress.finish();
    for (const auto& s : report.skippedImages)
        std::cerr << "skipped: " << s << "\n";
    if (p.has("json"))
        printJson(report);
    else
        printText(report);
    return kOk;
}

} // namespace cli
