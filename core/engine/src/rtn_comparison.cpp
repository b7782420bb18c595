#include "adaround/rtn_comparison.h"

#include "adaround/error.h"
#include "adaround/image_folder.h"
#include "adaround/image_set.h"
#include "adaround/model.h"
#include "adaround/rtn.h"

namespace adaround {
namespace {

double relativeError(const HostTensor& before, const HostTensor& after)
{
    double num = 0, den = 0;
    for (size_t i = 0; i < before.values.size(); ++i) {
        const double d = double(after.values[i]) - before.values[i];
        num += d * d;
        den += double(before.values[i]) * before.values[i];
    }
    return den > 0 ? num / den : 0.0;
}

} // namespace

Preprocess choosePreprocess(const std::string& name, int64_t modelInputChannels,
                            const PreprocessOverrides& overrides)
{
    const std::string preset = name != "auto" ? name : modelInputChannels == 1 ? "fmnist" : "imagenet";
    return overrides.applyTo(Preprocess::preset(preset));
}

RtnReport compareRoundToNearest(const RtnRequest& request, const ProgressFn& progress)
{
    RtnReport report;
    report.modelPath = request.modelPath;
    auto model = Model::load(request.modelPath);
    const std::vector<int> bits = resolveBits(model->layers(), request.bits);
    report.preprocess = choosePreprocess(request.preprocessName, model->inputChannels(), request.preprocessOverrides);

    const ImageFolder folder = ImageFolder::scan(request.evalDir);
    const ImageSet data = loadImages(folder, report.preprocess, progress, request.memoryBudget);
    report.evalImages = int64_t(data.size());
    report.skippedImages = data.skipped;

    report.foldedBatchNorms = model->foldBatchNorm();
    auto wrapStage = [&](const std::string& stage) -> ProgressFn {
        if (!progress)
            return {};
        return [=](const Progress& p) { progress({stage, p.done, p.total}); };
    };
    report.fp32 = evaluate(*model, data, request.batchSize, wrapStage("evaluating FP32"));

    auto quantized = model->clone();
    applyRoundToNearest(*quantized, bits, request.quant);
    for (size_t i = 0; i < bits.size(); ++i) {
        RtnLayerResult r;
        r.layer = model->layers()[i];
        r.bits = bits[i];
        if (bits[i] != 0)
            r.weightRelError = relativeError(model->weight(int(i)), quantized->weight(int(i)));
        report.layers.push_back(r);
    }
    report.rtn = evaluate(*quantized, data, request.batchSize, wrapStage("evaluating RTN"));
    return report;
}

} // namespace adaround
