#include "adaround/model.h"

#include "adaround/error.h"
#include "float_layers_p.h"
#include "guard_p.h"
#include "model_archive_p.h"
#include "model_impl_p.h"
#include "module_paths_p.h"
#include "tensor_convert_p.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace adaround {
namespace {

// Refuses what is not a sound TorchScript archive before LibTorch sees it
// (model_archive.cpp): a damaged zip never reaches the loader.
void checkArchive(const std::string& path)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec); // stat() only: a FIFO is never opened
    if (!fs::exists(st))
        throw Error(path + ": no such file");
    if (fs::is_directory(st))
        throw Error(path + ": is a folder, expected a TorchScript .pt file");
    if (!fs::is_regular_file(st))
        throw Error(path + ": not a regular file, expected a TorchScript .pt file");
    std::ifstream in(path, std::ios::binary);
    const uint64_t size = fs::file_size(path, ec);
    if (!in || ec)
        throw Error(path + ": cannot be opened for reading");
    const std::string problem = modelArchiveProblem(size, [&in](uint64_t offset, size_t length) {
        std::string bytes(length, '\0');
        in.clear();
        in.seekg(std::streamoff(offset));
        in.read(bytes.data(), std::streamsize(length));
        bytes.resize(size_t(std::max<std::streamsize>(in.gcount(), 0)));
        return bytes;
    });
    if (!problem.empty())
        throw Error(path + ": " + problem);
}

std::string explainLoadFailure(const std::string& torchMessage)
{
    const std::string msg = firstLine(torchMessage);
    if (msg.find("constants.pkl") != std::string::npos || msg.find("code/") != std::string::npos)
        return "a PyTorch archive without TorchScript code (a torch.save checkpoint?); "
               "export the model with torch.jit.script or torch.jit.trace";
    if (msg.find("central directory") != std::string::npos || msg.find("PytorchStreamReader") != std::string::npos)
        return "truncated or damaged TorchScript archive (" + msg + ")";
    return "cannot load as TorchScript: " + msg;
}

std::string dtypeName(c10::ScalarType t)
{
    switch (t) {
    case c10::ScalarType::Double: return "float64";
    case c10::ScalarType::Half: return "float16";
    case c10::ScalarType::BFloat16: return "bfloat16";
    default: return c10::toString(t);
    }
}

// The engine computes in float32 (images, grids, the optimiser). A float64 or
// float16 model is refused here by name rather than converted: a silent .float()
// would make the exported model differ in type from the one the user gave, and a
// traced graph may hold dtype constants that a conversion does not reach.
void checkFloat32(const ModelImpl& m)
{
    for (const auto& p : m.module.named_parameters(true)) {
        const c10::ScalarType t = p.value.scalar_type();
        if (t == c10::ScalarType::Float || !c10::isFloatingType(t))
            continue;
        const std::string& name = p.name;
        const auto dot = name.rfind('.');
        const std::string owner = dot == std::string::npos ? "" : name.substr(0, dot);
        const std::string leaf = dot == std::string::npos ? name : name.substr(dot + 1);
        std::string what = "parameter " + name + " is " + dtypeName(t);
        for (const LayerInfo& l : m.layers)
            if (l.name == owner || (owner.empty() && l.name == "weight"))
                what = "layer " + l.name + " has " + dtypeName(t) + " " + (leaf == "weight" ? "weights" : leaf);
        throw Error(m.path + ": " + what + "; export the model in float32 (model.float() before saving)");
    }
}

} // namespace

torch::jit::Module ModelImpl::layerModule(int layer) const
{
    return submoduleAt(module, layers.at(layer).name);
}

torch::Tensor ModelImpl::weight(int layer) const
{
    return layerModule(layer).attr("weight").toTensor();
}

torch::Tensor ModelImpl::bias(int layer) const
{
    if (foldedBias.at(layer).defined())
        return foldedBias[layer];
    torch::jit::Module m = layerModule(layer);
    if (m.hasattr("bias")) {
        c10::IValue b = m.attr("bias");
        if (b.isTensor())
            return b.toTensor();
    }
    return {};
}

torch::Tensor ModelImpl::forward(const torch::Tensor& input)
{
    torch::NoGradGuard noGrad;
    c10::IValue out;
    if (quantizedForward) {
        std::vector<c10::IValue> stack{module._ivalue(), input};
        quantizedForward->run(stack);
        out = stack.back();
    } else {
        out = module.forward({input});
    }
    if (!out.isTensor())
        throw Error(path + ": the model returns " + out.tagKind() + ", expected a tensor of logits");
    return out.toTensor();
}

void ModelImpl::setInputQuantizers(const std::vector<ActivationGrid>& grids)
{
    if (!inputGrids.empty())
        throw Error(path + ": activation quantizers are already set");
    if (grids.empty())
        return;
    for (const ActivationGrid& g : grids) {
        torch::jit::Node* node = findLayerNode(graph->block(), g.layer);
        if (!node)
            throw Error(path + ": layer " + std::to_string(g.layer) + " not found in the forward graph");
        torch::jit::WithInsertPoint guard(node);
        const int64_t qmax = (int64_t(1) << g.bits) - 1;
        torch::jit::Value* quantized = graph->insert(
            c10::aten::fake_quantize_per_tensor_affine,
            {node->input(0), g.scale, g.zeroPoint, int64_t(0), qmax});
        node->replaceInput(0, quantized);
    }
    inputGrids = grids;
    quantizedForward = std::make_shared<torch::jit::GraphFunction>("quantized_forward", graph->copy(), nullptr);
}

int ModelImpl::foldBatchNorm()
{
    torch::NoGradGuard noGrad;
    int folded = 0;
    for (size_t i = 0; i < layers.size(); ++i) {
        LayerInfo& layer = layers[i];
        if (layer.batchNorm.empty() || layer.batchNormFolded)
            continue;
        torch::jit::Module conv = layerModule(int(i));
        torch::jit::Module bn = submoduleAt(module, layer.batchNorm);
        const double eps = bindings[i].batchNormEps;
        torch::Tensor w = conv.attr("weight").toTensor();
        torch::Tensor mean = bn.attr("running_mean").toTensor();
        torch::Tensor var = bn.attr("running_var").toTensor();
        c10::IValue gammaValue = bn.attr("weight");
        c10::IValue betaValue = bn.attr("bias");
        const bool affine = gammaValue.isTensor() && betaValue.isTensor();

        torch::Tensor scale = (var + eps).rsqrt();
        if (affine)
            scale = scale * gammaValue.toTensor();
        torch::Tensor convBias = bias(int(i));
        torch::Tensor b = (convBias.defined() ? convBias - mean : -mean) * scale;
        if (affine)
            b = b + betaValue.toTensor();

        std::vector<int64_t> view(w.dim(), 1);
        view[0] = -1;
        w.mul_(scale.view(view));
        if (convBias.defined())
            convBias.zero_();
        // The BatchNorm stays in the graph as y = x + b: unit variance, unit scale.
        var.fill_(1.0 - eps);
        if (affine) {
            mean.zero_();
            gammaValue.toTensor().fill_(1.0);
            betaValue.toTensor().copy_(b);
        } else {
            mean.copy_(-b);
        }
        foldedBias[i] = b.clone();
        layer.batchNormFolded = true;
        layer.hasBias = true;
        ++folded;
    }
    return folded;
}

Model::Model(std::unique_ptr<ModelImpl> impl) : d(std::move(impl)) {}
Model::~Model() = default;

std::unique_ptr<Model> Model::load(const std::string& path)
{
    checkArchive(path);
    auto impl = std::make_unique<ModelImpl>();
    impl->path = path;
    try {
        impl->module = torch::jit::load(path, torch::kCPU);
    } catch (const c10::Error& e) {
        throw Error(path + ": " + explainLoadFailure(e.what_without_backtrace()));
    }
    impl->module.eval();
    GraphAnalysis analysis = inContext(path, [&] { return analyzeForwardGraph(impl->module); });
    if (analysis.layers.empty()) {
        std::string why = analysis.notes.empty() ? "" : " (" + analysis.notes.front() + ")";
        throw Error(path + ": no quantizable layer (Conv2d or Linear) found" + why);
    }
    impl->graph = analysis.graph;
    impl->layers = std::move(analysis.layers);
    impl->bindings = std::move(analysis.bindings);
    impl->notes = std::move(analysis.notes);
    checkFloat32(*impl);
    impl->floatLayers = findFloatLayers(impl->module, impl->layers);
    impl->foldedBias.resize(impl->layers.size());
    return std::unique_ptr<Model>(new Model(std::move(impl)));
}

const std::string& Model::path() const { return d->path; }
const std::vector<LayerInfo>& Model::layers() const { return d->layers; }
const std::vector<std::string>& Model::notes() const { return d->notes; }
const std::vector<FloatLayer>& Model::floatLayers() const { return d->floatLayers; }

int Model::findLayer(const std::string& name) const
{
    for (size_t i = 0; i < d->layers.size(); ++i)
        if (d->layers[i].name == name)
            return int(i);
    return -1;
}

int64_t Model::inputChannels() const
{
    const LayerInfo& first = d->layers.front();
    if (first.kind == LayerKind::Conv2d)
        return first.weightShape[1] * first.groups;
    return first.weightShape[1];
}

int Model::foldBatchNorm()
{
    return guarded(d->path + ": folding BatchNorm", [&] { return d->foldBatchNorm(); });
}

HostTensor Model::weight(int layer) const
{
    return toHost(d->weight(layer));
}

void Model::setWeight(int layer, const HostTensor& weight)
{
    guarded(d->path + ": setting the weight of " + d->layers.at(layer).name, [&] {
        torch::NoGradGuard noGrad;
        torch::Tensor w = d->weight(layer);
        if (w.sizes().vec() != weight.shape)
            throw Error(d->path + ": new weight for " + d->layers[layer].name + " has shape " +
                        shapeString(weight.shape) + ", expected " + shapeString(w.sizes().vec()));
        w.copy_(toTorch(weight));
    });
}

HostTensor Model::bias(int layer) const
{
    torch::Tensor b = d->bias(layer);
    return b.defined() ? toHost(b) : HostTensor{};
}

HostTensor Model::forward(const HostTensor& input)
{
    return guarded(d->path + ": forward pass on input " + shapeString(input.shape),
                   [&] { return toHost(d->forward(toTorch(input))); });
}

std::unique_ptr<Model> Model::clone() const
{
    return guarded(d->path + ": copying the model", [&] {
        auto impl = std::make_unique<ModelImpl>(*d);
        impl->module = d->module.clone();
        // The prepared graph is typed on this module's class: re-derive it for the copy.
        impl->graph = analyzeForwardGraph(impl->module).graph;
        for (auto& b : impl->foldedBias)
            if (b.defined())
                b = b.clone();
        impl->inputGrids.clear();
        impl->quantizedForward.reset();
        impl->setInputQuantizers(d->inputGrids);
        return std::unique_ptr<Model>(new Model(std::move(impl)));
    });
}

} // namespace adaround
