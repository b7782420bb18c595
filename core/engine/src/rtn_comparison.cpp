#include "adaround/rtn_comparison.h"

#include "adaround/error.h"
#include "adaround/image_folder.h"
#include "adaround/image_stream.h"
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

// The decoded batches in flight (those waiting, the one being filled and the
// one evaluated) must fit BUDGET; known up front only when the preprocessing
// fixes the image size.
void checkStreamBudget(const Preprocess& pre, const StreamOptions& o, size_t budget)
{
    const size_t side = size_t(pre.outputSize());
    const size_t images = size_t(o.prefetchBatches + 2) * size_t(o.batchSize);
    const size_t bytes = images * size_t(pre.channels) * side * side * sizeof(float);
    if (budget && bytes > budget)
        throw Error("evaluation batches of " + std::to_string(o.batchSize) + " images need " +
                    std::to_string(bytes >> 20) + " MiB in flight, over the " + std::to_string(budget >> 20) +
                    " MiB budget; use a smaller --batch");
}

} // namespace

Preprocess choosePreprocess(const std::string& name, const Model& model, const PreprocessOverrides& overrides)
{
    if (name != "auto")
        return overrides.applyTo(Preprocess::preset(name));
    const LayerInfo& first = model.layers().front();
    if (first.kind == LayerKind::Conv2d || overrides.any())
        return overrides.applyTo(Preprocess::preset(
            (overrides.channels > 0 ? overrides.channels : model.inputChannels()) == 1 ? "fmnist" : "imagenet"));
    // A Linear first layer sees the flattened image: its input count tells the
    // preset only when it matches one exactly.
    const int64_t inputs = first.weightShape.at(1);
    for (const std::string preset : {"fmnist", "imagenet"}) {
        const Preprocess p = Preprocess::preset(preset);
        const int64_t side = p.outputSize();
        if (int64_t(p.channels) * side * side == inputs)
            return p;
    }
    throw Error(model.path() + ": the first layer " + first.name + " is Linear with " + std::to_string(inputs) +
                " inputs, which matches no preset (fmnist 1x28x28 = 784, imagenet 3x224x224 = 150528), so "
                "--preprocess auto cannot tell the image size; use --preprocess NAME, or --channels with --resize "
                "and --crop");
}

RtnRequest rtnRequestFor(const AdaRoundConfig& c)
{
    RtnRequest r;
    r.modelPath = c.modelPath;
    r.evalDir = c.evalDir;
    r.classNames = c.classNames;
    r.classesOrigin = c.classesOrigin;
    r.preprocessName = c.preprocessName;
    r.preprocessOverrides = c.preprocessOverrides;
    r.bits = c.bits;
    r.quant = c.quant;
    r.memoryBudget = c.memoryBudget;
    return r;
}

RtnReport compareRoundToNearest(const RtnRequest& request, const ProgressFn& progress)
{
    RtnReport report;
    report.modelPath = request.modelPath;
    auto model = Model::load(request.modelPath);
    const std::vector<int> bits = resolveBits(model->layers(), request.bits);
    report.preprocess = choosePreprocess(request.preprocessName, *model, request.preprocessOverrides);

    const ClassList list{request.classNames,
                         request.classesOrigin.empty() ? "the class list" : request.classesOrigin};
    const ImageFolder folder = ImageFolder::scan(request.evalDir, list);
    StreamOptions streaming;
    streaming.batchSize = request.batchSize;
    checkStreamBudget(report.preprocess, streaming, request.memoryBudget);
    // Decoding starts now, alongside BN folding and rounding.
    ImageStream stream(folder, report.preprocess, streaming);
    report.classes.names = folder.classes();
    report.classes.source = list.names.empty() ? kClassSourceFolder : kClassSourceList;
    report.classes.evalClasses = folder.presentClasses();
    report.floatLayers = model->floatLayers();

    report.foldedBatchNorms = model->foldBatchNorm();
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
    ProgressFn stage;
    if (progress)
        stage = [&](const Progress& p) { progress({"evaluating FP32 and RTN", p.done, p.total}); };
    // One pass over the folder: each batch is decoded once for both models.
    const StreamedAccuracy acc = evaluateStream({model.get(), quantized.get()}, stream, stage);
    report.fp32 = acc.models[0];
    report.rtn = acc.models[1];
    report.evalImages = acc.images;
    report.skippedImages = acc.skipped;
    return report;
}

} // namespace adaround
