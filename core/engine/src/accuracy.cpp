#include "adaround/accuracy.h"

#include "adaround/error.h"
#include "adaround/model.h"
#include "guard_p.h"
#include "logit_scores_p.h"
#include "model_impl_p.h"

#include <algorithm>

namespace adaround {
namespace {

// What the input-fit check needs of a data set: one image, and the label space.
struct InputSample {
    const HostTensor& images; // [n >= 1, C, H, W]
    const std::string& root;
    const std::vector<std::string>& classes;
    const std::string& classOrigin;
};

torch::Tensor batchOf(const HostTensor& images, int64_t start, int64_t count)
{
    const auto& shape = images.shape;
    const int64_t per = shape[1] * shape[2] * shape[3];
    return torch::from_blob(const_cast<float*>(images.values.data()) + start * per,
                            {count, shape[1], shape[2], shape[3]}, torch::kFloat32);
}

std::string inputDescription(const HostTensor& images)
{
    const auto& s = images.shape;
    return std::to_string(s[1]) + "x" + std::to_string(s[2]) + "x" + std::to_string(s[3]);
}

void checkFits(Model& model, const InputSample& data)
{
    ModelImpl& m = model.impl();
    const int64_t wanted = model.inputChannels();
    const int64_t have = data.images.shape.at(1);
    const LayerInfo& first = m.layers.front();
    if (first.kind == LayerKind::Conv2d && wanted != have)
        throw Error(m.path + " expects " + std::to_string(wanted) + "-channel images (first layer " + first.name +
                    " has weight " + shapeString(first.weightShape) + ") but preprocessing gives " +
                    std::to_string(have) + " channels; use --channels " + std::to_string(wanted) +
                    " or another --preprocess preset");
    torch::Tensor logits;
    try {
        torch::NoGradGuard noGrad;
        logits = m.forward(batchOf(data.images, 0, 1).clone());
    } catch (const c10::Error& e) {
        throw Error(m.path + " does not accept " + inputDescription(data.images) + " images: " +
                    torchErrorSummary(e.what_without_backtrace()));
    } catch (const std::exception& e) { // torch::jit::JITException from the interpreter
        throw Error(m.path + " does not accept " + inputDescription(data.images) +
                    " images: " + torchErrorSummary(e.what()));
    }
    if (logits.dim() != 2)
        throw Error(m.path + " returns a tensor of shape " + shapeString(logits.sizes().vec()) +
                    " for one image; expected [1, classes]");
    // Labels are indices into data.classes: scoring them against outputs of
    // another count would score a shifted labelling, so it is refused.
    const int64_t outputs = logits.size(1), classes = int64_t(data.classes.size());
    if (outputs == classes)
        return;
    if (data.classOrigin.empty())
        throw Error(data.root + ": " + std::to_string(classes) + " class folders but " + m.path + " has " +
                    std::to_string(outputs) + " outputs, so sorted folder positions are not the model's classes; "
                    "name the model's classes in output order, one per line, in a class list (--classes FILE; in the "
                    "workbench: Class list)");
    throw Error(m.path + " has " + std::to_string(outputs) + " outputs but " + data.classOrigin + " names " +
                std::to_string(classes) + " classes; the class list names every output, in order");
}

Hits hitsOf(ModelImpl& m, const torch::Tensor& images, const int* labels)
{
    return countHits(m.forward(images), labels, images.size(0));
}

} // namespace

void checkInputFits(Model& model, const ImageSet& data)
{
    checkFits(model, {data.images, data.root, data.classes, data.classOrigin});
}

Accuracy evaluate(Model& model, const ImageSet& data, int batchSize, const ProgressFn& progress)
{
    checkInputFits(model, data);
    ModelImpl& m = model.impl();
    return guarded(m.path + ": evaluating", [&] {
        torch::NoGradGuard noGrad;
        const int64_t n = int64_t(data.size());
        Hits total;
        for (int64_t start = 0; start < n; start += batchSize) {
            const int64_t count = std::min<int64_t>(batchSize, n - start);
            total += hitsOf(m, batchOf(data.images, start, count), data.labels.data() + start);
            if (progress)
                progress({"evaluating", start + count, n});
        }
        return accuracyOf(total);
    });
}

StreamedAccuracy evaluateStream(const std::vector<Model*>& models, ImageStream& stream, const ProgressFn& progress)
{
    std::vector<Hits> hits(models.size());
    StreamedAccuracy result;
    while (std::optional<ImageBatch> batch = stream.next()) {
        if (result.images == 0)
            for (Model* model : models)
                checkFits(*model, {batch->images, stream.root(), stream.classes(), stream.classOrigin()});
        const torch::Tensor images = batchOf(batch->images, 0, int64_t(batch->labels.size()));
        for (size_t i = 0; i < models.size(); ++i) {
            ModelImpl& m = models[i]->impl();
            hits[i] += guarded(m.path + ": evaluating", [&] {
                torch::NoGradGuard noGrad;
                return hitsOf(m, images, batch->labels.data());
            });
        }
        result.images += int64_t(batch->labels.size());
        // Outside guarded(): a cancelled run's signal must pass untranslated.
        if (progress)
            progress({"evaluating", batch->filesRead, stream.files()});
    }
    for (const Hits& h : hits)
        result.models.push_back(accuracyOf(h));
    result.skipped = stream.skipped();
    return result;
}

} // namespace adaround
