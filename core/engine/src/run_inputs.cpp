#include "run_inputs_p.h"

#include "adaround/accuracy.h"
#include "adaround/rtn_comparison.h"
#include "adaround/sampler.h"
#include "adaround/error.h"
#include "image_probe_p.h"
#include "layer_optimizer_p.h"

#include <algorithm>

namespace adaround {

RunInputs scanRunInputs(const AdaRoundConfig& c)
{
    RunInputs in;
    in.model = Model::load(c.modelPath);
    in.pre = choosePreprocess(c.preprocessName, *in.model, c.preprocessOverrides);
    // Labels: the class list if given, else the calibration folder's classes; folders map by name.
    const ClassList list{c.classNames, c.classesOrigin.empty() ? "the class list" : c.classesOrigin};
    in.calibFolder = ImageFolder::scan(c.calibDir, list);
    const size_t available = in.calibFolder.samples().size();
    const size_t count = std::min(available, size_t(c.calibSize));
    in.calib = in.calibFolder.subset(sampleIndices(available, count, c.seed));
    in.calibProbe = probeImage(in.calib, in.pre);
    checkInputFits(*in.model, in.calibProbe);
    if (!c.evalDir.empty()) {
        const ClassList evalList =
            list.names.empty() ? ClassList{in.calibFolder.classes(), "the calibration folder " + c.calibDir} : list;
        in.eval = ImageFolder::scan(c.evalDir, evalList);
        checkInputFits(*in.model, probeImage(*in.eval, in.pre));
    }
    return in;
}

ImageFolder evalSubsetOf(const ImageFolder& eval, int64_t subset, uint64_t seed)
{
    const size_t files = eval.samples().size();
    return subset > 0 && size_t(subset) < files ? eval.subset(sampleIndices(files, size_t(subset), seed + 1)) : eval;
}

torch::Tensor imagesOf(const ImageSet& set)
{
    return torch::from_blob(const_cast<float*>(set.images.values.data()), set.images.shape, torch::kFloat32);
}

int findLayerByName(const Model& model, const std::string& name)
{
    const int i = model.findLayer(name);
    if (i >= 0)
        return i;
    std::string names;
    for (const LayerInfo& l : model.layers())
        names += (names.empty() ? "" : ", ") + l.name;
    throw Error(model.path() + ": no layer named '" + name + "'; its layers are " + names +
                " (adaround-cli inspect lists them with their shapes)");
}

void checkHeldAtCut(const std::string& what, SegmentedForward& segments, ModelImpl& fp, int layer,
                    const torch::Tensor& probe, int64_t calibImages, int64_t evalImages, size_t budget,
                    int calibInputs)
{
    torch::NoGradGuard noGrad;
    const torch::Tensor one = probe.narrow(0, 0, 1).clone();
    const auto single = segments.start(one);
    const auto pair = segments.start(torch::cat({one, one}, 0));
    const int64_t state = int64_t(stateBytes(pair)) - int64_t(stateBytes(single));
    const torch::Tensor x = segments.layerInput(0, single);
    const int64_t input = int64_t(x.nbytes());
    const int64_t target = int64_t(layerForward(fp.layers.at(size_t(layer)), x, fp.weight(layer), fp.bias(layer)).nbytes());
    const int64_t image = int64_t(one.nbytes());
    const int64_t total = (std::max(state, input) + (calibInputs - 1) * input + target + image) * calibImages +
                          (state + image) * evalImages;
    if (budget == 0 || total <= int64_t(budget))
        return;
    throw Error(what + " holds about " + std::to_string(total >> 20) + " MiB (" + std::to_string(calibImages) +
                " calibration and " + std::to_string(evalImages) + " evaluation images at layer " +
                fp.layers.at(size_t(layer)).name + "), over the " + std::to_string(budget >> 20) +
                " MiB memory budget; use --eval-subset K, a smaller --calib-size, or a larger --memory-budget");
}

} // namespace adaround
