#include "adaround/sensitivity.h"

#include "adaround/accuracy.h"
#include "adaround/adaround_config.h"
#include "adaround/error.h"
#include "adaround/image_folder.h"
#include "adaround/image_set.h"
#include "adaround/model.h"
#include "adaround/rtn_comparison.h"
#include "adaround/sampler.h"
#include "cancel_p.h"
#include "cut_states_p.h"
#include "guard_p.h"
#include "logit_scores_p.h"
#include "model_impl_p.h"
#include "quant_ops_p.h"
#include "sensitivity_adaround_p.h"

#include <algorithm>
#include <optional>

namespace adaround {
namespace {

// Images per block: the evaluation batch of rtn and the run's curve. One
// block's activations at every cut are all that is ever held.
constexpr int64_t kBlock = 256;

// Hits and the logits' squared error against FP32, summed over blocks.
struct Score {
    Hits hits;
    double squaredError = 0;
    int64_t elements = 0;

    void add(const torch::Tensor& logits, const torch::Tensor& fpLogits, const int* labels)
    {
        hits += countHits(logits, labels, logits.size(0));
        squaredError += (logits - fpLogits).pow(2).sum().item<double>();
        elements += logits.numel();
    }
    double mse() const { return elements ? squaredError / double(elements) : 0.0; }
};

} // namespace

SensitivityRequest sensitivityRequestFor(const AdaRoundConfig& c, std::vector<int> bits)
{
    SensitivityRequest r;
    r.modelPath = c.modelPath;
    r.evalDir = c.evalDir;
    r.classNames = c.classNames;
    r.classesOrigin = c.classesOrigin;
    r.preprocessName = c.preprocessName;
    r.preprocessOverrides = c.preprocessOverrides;
    r.quant = c.quant;
    r.bitWidths = std::move(bits);
    r.evalSubset = c.evalSubset;
    r.seed = c.seed;
    r.adaround = c;
    return r;
}

struct SensitivityAnalysis::Impl {
    SensitivityRequest request;
    SensitivityReport header; // everything but the figures
    std::unique_ptr<Model> fp, work;
    std::vector<int> cuts;                          // every layer
    std::vector<torch::Tensor> fpWeights;           // per layer, the folded FP32 weight
    std::vector<std::map<int, TensorGrid>> grids;   // per layer, by bits: fitted once
    ImageSet images;
    ImageSet calib; // withAdaRound only

    torch::Tensor rtnWeight(size_t layer, int bits) const
    {
        return quantizeNearest(fpWeights[layer], grids[layer].at(bits));
    }
    void setWeight(Model& m, size_t layer, const torch::Tensor& w) const
    {
        torch::NoGradGuard noGrad;
        m.impl().weight(int(layer)).copy_(w);
    }
    torch::Tensor block(int64_t start, int64_t count) const
    {
        return torch::from_blob(const_cast<float*>(images.images.values.data()), images.images.shape, torch::kFloat32)
            .narrow(0, start, count)
            .clone();
    }
};

SensitivityAnalysis::SensitivityAnalysis(const SensitivityRequest& request, const ProgressFn& progress)
    : d(std::make_unique<Impl>())
{
    d->request = request;
    if (request.bitWidths.empty())
        throw Error("no bit-width to analyse (give one or more, e.g. 2,4,8)");
    for (int b : request.bitWidths)
        validateBits(b);
    if (request.evalSubset < 0)
        throw Error("the eval subset must be 0 (all images) or more, got " + std::to_string(request.evalSubset));
    SensitivityReport& h = d->header;
    h.modelPath = request.modelPath;
    d->fp = Model::load(request.modelPath);
    h.preprocess = choosePreprocess(request.preprocessName, *d->fp, request.preprocessOverrides);

    const ClassList list{request.classNames, request.classesOrigin.empty() ? "the class list" : request.classesOrigin};
    const ImageFolder folder = ImageFolder::scan(request.evalDir, list);
    const size_t files = folder.samples().size();
    const size_t count = request.evalSubset > 0 ? std::min(files, size_t(request.evalSubset)) : files;
    // The run's curve subset for the same seed: the same images as its progress curve.
    d->images = loadImages(count < files ? folder.subset(sampleIndices(files, count, request.seed + 1)) : folder,
                           h.preprocess, progress, 0);
    checkInputFits(*d->fp, d->images);
    h.folderImages = int64_t(files);
    h.evalImages = int64_t(d->images.size());
    h.skippedImages = d->images.skipped;
    h.classes.names = folder.classes();
    h.classes.source = list.names.empty() ? kClassSourceFolder : kClassSourceList;
    h.classes.evalClasses = folder.presentClasses();
    h.foldedBatchNorms = d->fp->foldBatchNorm();

    const auto& layers = d->fp->layers();
    ModelImpl& m = d->fp->impl();
    d->grids.resize(layers.size());
    for (size_t i = 0; i < layers.size(); ++i) {
        d->cuts.push_back(int(i));
        d->fpWeights.push_back(m.weight(int(i)).detach().clone());
        for (int b : request.bitWidths) {
            QuantSpec spec = request.quant;
            spec.bits = b;
            d->grids[i][b] = inContext(request.modelPath + ": layer " + layers[i].name,
                                       [&] { return fitTensorGrid(d->fpWeights[i], spec); });
        }
    }
    d->work = d->fp->clone();

    if (request.withAdaRound) {
        const AdaRoundConfig& c = request.adaround;
        c.validate();
        const ImageFolder calibFolder = ImageFolder::scan(c.calibDir, list);
        const size_t available = calibFolder.samples().size();
        const size_t take = std::min(available, size_t(c.calibSize));
        d->calib = loadImages(calibFolder.subset(sampleIndices(available, take, c.seed)), h.preprocess, progress, 0);
        if (d->calib.size() < size_t(c.batchSize))
            throw Error(c.calibDir + ": " + std::to_string(d->calib.size()) + " readable calibration images, fewer "
                        "than the batch size " + std::to_string(c.batchSize));
        checkInputFits(*d->fp, d->calib);
        h.withAdaRound = true;
        h.calibImages = int64_t(d->calib.size());
    }
}

SensitivityAnalysis::~SensitivityAnalysis() = default;

const std::vector<LayerInfo>& SensitivityAnalysis::layers() const
{
    return d->fp->layers();
}

SensitivityReport SensitivityAnalysis::run(const ProgressFn& progress, const RunControl& control)
{
    Impl& s = *d;
    const auto& layers = s.fp->layers();
    const std::vector<int>& widths = s.request.bitWidths;
    const size_t n = layers.size();
    SensitivityReport report = s.header;
    Score fpScore;
    std::map<int, Score> allScore;
    std::vector<std::map<int, Score>> alone(n), others(n), aloneAda(n);
    std::vector<std::map<int, torch::Tensor>> adaWeights;

    const int64_t total = int64_t(s.images.size());
    const int64_t blocks = (total + kBlock - 1) / kBlock;
    const int64_t steps = blocks * int64_t(n) * int64_t(1 + widths.size()) +
                          (s.request.withAdaRound ? int64_t(n * widths.size()) : 0);
    int64_t step = 0;
    auto tick = [&](const std::string& stage) {
        ++step;
        if (progress)
            progress({stage, step, steps});
    };
    try {
        guarded(s.request.modelPath + ": sensitivity", [&] {
            torch::NoGradGuard noGrad;
            SegmentedForward fpSegments(s.fp->impl(), s.cuts);
            SegmentedForward workSegments(s.work->impl(), s.cuts);
            if (s.request.withAdaRound) {
                const torch::Tensor calib = torch::from_blob(s.calib.images.values.data(), s.calib.images.shape,
                                                             torch::kFloat32);
                adaWeights = adaroundAlone(s.fp->impl(), fpSegments, s.fpWeights, s.grids, widths, calib,
                                           s.request.adaround,
                                           [&](const Progress&) { tick("per-layer sensitivity: AdaRound"); }, control);
            }
            for (int64_t start = 0; start < total; start += kBlock) {
                const int64_t count = std::min(kBlock, total - start);
                const int* labels = s.images.labels.data() + start;
                const torch::Tensor images = s.block(start, count);
                const torch::Tensor fpLogits = s.fp->impl().forward(images.clone());
                fpScore.add(fpLogits, fpLogits, labels);

                // One layer at a time at each width: the FP32 prefix is shared.
                CutStates fpStates(fpSegments, images, {}, "", kBlock);
                for (size_t i = 0; i < n; ++i) {
                    throwIfCancelled(control);
                    for (int b : widths) {
                        s.setWeight(*s.fp, i, s.rtnWeight(i, b));
                        alone[i][b].add(fpStates.outputFromHere(), fpLogits, labels);
                        if (!adaWeights.empty()) {
                            s.setWeight(*s.fp, i, adaWeights[i].at(b));
                            aloneAda[i][b].add(fpStates.outputFromHere(), fpLogits, labels);
                        }
                    }
                    s.setWeight(*s.fp, i, s.fpWeights[i]);
                    tick("per-layer sensitivity");
                    if (i + 1 < n)
                        fpStates.advance({}, "");
                }
                // Every layer at B but one: the all-quantized prefix is shared.
                for (int b : widths) {
                    for (size_t i = 0; i < n; ++i)
                        s.setWeight(*s.work, i, s.rtnWeight(i, b));
                    allScore[b].add(s.work->impl().forward(images.clone()), fpLogits, labels);
                    CutStates qStates(workSegments, images, {}, "", kBlock);
                    for (size_t i = 0; i < n; ++i) {
                        throwIfCancelled(control);
                        s.setWeight(*s.work, i, s.fpWeights[i]);
                        others[i][b].add(qStates.outputFromHere(), fpLogits, labels);
                        s.setWeight(*s.work, i, s.rtnWeight(i, b));
                        tick("per-layer sensitivity");
                        if (i + 1 < n)
                            qStates.advance({}, "");
                    }
                }
            }
        });
    } catch (const RunCancelledSignal&) {
        for (size_t i = 0; i < n; ++i) // the models as they were
            s.setWeight(*s.fp, i, s.fpWeights[i]);
        report.cancelled = true;
        return report;
    }

    report.fp32 = accuracyOf(fpScore.hits);
    for (int b : widths)
        report.allQuantized[b] = accuracyOf(allScore[b].hits);
    for (size_t i = 0; i < n; ++i) {
        SensitivityLayer layer;
        layer.layer = layers[i];
        layer.weights = s.fpWeights[i].numel();
        for (int b : widths) {
            LayerSensitivity& f = layer.bits[b];
            f.top1 = accuracyOf(alone[i][b].hits).top1;
            f.drop = report.fp32.top1 - f.top1;
            f.mse = alone[i][b].mse();
            f.othersQuantizedTop1 = accuracyOf(others[i][b].hits).top1;
            f.othersQuantizedMse = others[i][b].mse();
            if (!adaWeights.empty()) {
                f.adaroundTop1 = accuracyOf(aloneAda[i][b].hits).top1;
                f.adaroundDrop = report.fp32.top1 - f.adaroundTop1;
                f.adaroundMse = aloneAda[i][b].mse();
            }
        }
        report.layers.push_back(std::move(layer));
    }
    return report;
}

Accuracy SensitivityAnalysis::evaluateBits(const std::vector<int>& bits)
{
    Impl& s = *d;
    const size_t n = s.fp->layers().size();
    if (bits.size() != n)
        throw Error("bit plan has " + std::to_string(bits.size()) + " entries for " + std::to_string(n) + " layers");
    for (size_t i = 0; i < n; ++i) {
        if (bits[i] == 0) {
            s.setWeight(*s.work, i, s.fpWeights[i]);
            continue;
        }
        validateBits(bits[i]);
        auto& grids = s.grids[i];
        if (!grids.count(bits[i])) { // a width the table did not analyse
            QuantSpec spec = s.request.quant;
            spec.bits = bits[i];
            grids[bits[i]] = fitTensorGrid(s.fpWeights[i], spec);
        }
        s.setWeight(*s.work, i, s.rtnWeight(i, bits[i]));
    }
    return evaluate(*s.work, s.images, int(kBlock));
}

} // namespace adaround
