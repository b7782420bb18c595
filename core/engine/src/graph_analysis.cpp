#include "graph_analysis_p.h"

#include "adaround/error.h"
#include "module_paths_p.h"

#include <torch/csrc/jit/ir/constants.h>
#include <torch/csrc/jit/passes/constant_propagation.h>
#include <torch/csrc/jit/passes/dead_code_elimination.h>
#include <torch/csrc/jit/passes/inliner.h>

#include <map>
#include <optional>

namespace adaround {
namespace {

using torch::jit::Block;
using torch::jit::Node;
using torch::jit::Value;
namespace aten = c10::aten;
namespace prim = c10::prim;

// Module path ("layer1.0.conv1.weight") of a value read through GetAttr from self.
std::optional<std::string> attributePath(const Value* v, const Value* self)
{
    std::vector<std::string> parts;
    while (v != self) {
        const Node* n = v->node();
        if (n->kind() != prim::GetAttr)
            return std::nullopt;
        parts.push_back(n->s(c10::attr::name));
        v = n->input(0);
    }
    std::string path;
    for (auto it = parts.rbegin(); it != parts.rend(); ++it)
        path += (path.empty() ? "" : ".") + *it;
    return path;
}

// "conv1.weight" -> "conv1"; nullopt if the leaf is not NAME.
std::optional<std::string> ownerOf(const std::optional<std::string>& path, const std::string& leaf)
{
    if (!path)
        return std::nullopt;
    if (*path == leaf)
        return std::string(); // the root module itself
    const std::string suffix = "." + leaf;
    if (path->size() > suffix.size() && path->compare(path->size() - suffix.size(), suffix.size(), suffix) == 0)
        return path->substr(0, path->size() - suffix.size());
    return std::nullopt;
}

std::vector<int64_t> intList(const Value* v)
{
    if (auto iv = torch::jit::toIValue(v)) {
        if (iv->isIntList())
            return iv->toIntVector();
        if (iv->isInt())
            return {iv->toInt()};
        if (iv->isTuple()) {
            std::vector<int64_t> out;
            for (const auto& e : iv->toTupleRef().elements())
                if (e.isInt())
                    out.push_back(e.toInt());
            return out;
        }
        return {};
    }
    const Node* n = v->node();
    if (n->kind() == prim::ListConstruct || n->kind() == prim::TupleConstruct) {
        std::vector<int64_t> out;
        for (const Value* in : n->inputs()) {
            auto iv = torch::jit::toIValue(in);
            if (!iv || !iv->isInt())
                return {};
            out.push_back(iv->toInt());
        }
        return out;
    }
    return {};
}

std::optional<double> scalar(const Value* v)
{
    auto iv = torch::jit::toIValue(v);
    if (iv && (iv->isDouble() || iv->isInt()))
        return iv->toScalar().toDouble();
    return std::nullopt;
}

// Uses that only read a tensor's metadata (shape checks) do not consume its data.
bool readsOnlyMetadata(const Node* n)
{
    const auto k = n->kind();
    return k == aten::dim || k == aten::size || k == aten::len ||
           k == aten::__isnot__ || k == aten::__is__ || k == prim::device || k == prim::dtype;
}

std::vector<Node*> dataUses(const Value* v)
{
    std::vector<Node*> users;
    for (const auto& use : v->uses())
        if (!readsOnlyMetadata(use.user))
            users.push_back(use.user);
    return users;
}

bool isConvolution(const Node* n)
{
    const auto k = n->kind();
    return k == aten::conv2d || k == aten::_convolution || k == aten::convolution;
}

Activation activationOf(const Node* n)
{
    const auto k = n->kind();
    if (k == aten::relu || k == aten::relu_)
        return Activation::ReLU;
    if (k == aten::relu6 || k == c10::Symbol::fromQualString("aten::relu6_"))
        return Activation::ReLU6;
    if (k == aten::hardtanh || k == aten::hardtanh_ || k == aten::clamp || k == aten::clamp_) {
        if (n->inputs().size() >= 3) {
            auto lo = scalar(n->input(1));
            auto hi = scalar(n->input(2));
            if (lo && hi && *lo == 0.0 && *hi == 6.0)
                return Activation::ReLU6;
        }
    }
    return Activation::None;
}

void collectNodes(Block* block, std::vector<Node*>& out)
{
    for (Node* n : block->nodes()) {
        out.push_back(n);
        for (Block* sub : n->blocks())
            collectNodes(sub, out);
    }
}

class Analyzer {
public:
    explicit Analyzer(const torch::jit::Module& module) : module_(module) {}

    GraphAnalysis run()
    {
        auto graph = module_.get_method("forward").graph()->copy();
        torch::jit::Inline(*graph);
        freezeScalarAttributes(*graph);
        torch::jit::ConstantPropagation(graph);
        torch::jit::EliminateDeadCode(graph);
        self_ = graph->inputs().at(0);

        std::vector<Node*> nodes;
        collectNodes(graph->block(), nodes);
        for (Node* n : nodes) {
            const size_t before = result_.layers.size();
            if (isConvolution(n))
                addConvolution(n);
            else if (n->kind() == aten::linear)
                addLinear(n);
            if (result_.layers.size() > before)
                n->i_(layerTag(), int64_t(before));
        }
        result_.graph = graph;
        return std::move(result_);
    }

private:
    // Replaces reads of bool/int/float module attributes (self.training,
    // self.use_res_connect, ...) by their current values, so that constant
    // propagation keeps only the branch the module actually runs. Only the
    // analysis copy of the graph changes; the module itself is untouched.
    void freezeScalarAttributes(torch::jit::Graph& graph)
    {
        std::vector<Node*> nodes;
        collectNodes(graph.block(), nodes);
        const Value* self = graph.inputs().at(0);
        for (Node* n : nodes) {
            if (n->kind() != prim::GetAttr)
                continue;
            const auto kind = n->output()->type()->kind();
            if (kind != c10::TypeKind::BoolType && kind != c10::TypeKind::IntType &&
                kind != c10::TypeKind::FloatType)
                continue;
            auto path = attributePath(n->output(), self);
            if (!path)
                continue;
            torch::jit::WithInsertPoint guard(n);
            Value* constant = graph.insertConstant(valueAt(*path));
            n->output()->replaceAllUsesWith(constant);
        }
    }

    c10::IValue valueAt(const std::string& path) const { return attributeAt(module_, path); }
    torch::Tensor tensorAt(const std::string& path) const { return valueAt(path).toTensor(); }

    // Weight module path, or nullopt (with a note) if the weight is not a plain attribute.
    std::optional<std::string> weightOwner(const Node* n, const char* what)
    {
        auto owner = ownerOf(attributePath(n->input(1), self_), "weight");
        if (!owner)
            result_.notes.push_back(std::string("a ") + what +
                                    " whose weight is computed in the graph was skipped");
        return owner;
    }

    bool alreadySeen(const std::string& name)
    {
        if (seen_.count(name)) {
            result_.notes.push_back(name + " is called more than once; it is quantized once");
            return true;
        }
        seen_[name] = true;
        return false;
    }

    void addConvolution(Node* n)
    {
        auto owner = weightOwner(n, "convolution");
        if (!owner)
            return;
        const std::string name = owner->empty() ? "weight" : *owner;
        const bool generic = n->kind() != aten::conv2d;
        if (generic) {
            auto transposed = torch::jit::toIValue(n->input(6));
            if (transposed && transposed->isBool() && transposed->toBool()) {
                result_.notes.push_back(name + " (transposed convolution) is not supported; left in float");
                return;
            }
        } else if (n->input(4)->type()->kind() == c10::TypeKind::StringType) {
            result_.notes.push_back(name + " uses string padding ('same'/'valid'); not supported, left in float");
            return;
        }
        torch::Tensor w = tensorAt(owner->empty() ? "weight" : *owner + ".weight");
        if (w.dim() != 4) {
            result_.notes.push_back(name + " (Conv" + std::to_string(w.dim() - 2) +
                                    "d) is not supported; left in float");
            return;
        }
        if (alreadySeen(name))
            return;
        LayerInfo layer;
        layer.name = name;
        layer.kind = LayerKind::Conv2d;
        layer.weightShape = w.sizes().vec();
        layer.stride = intList(n->input(3));
        layer.padding = intList(n->input(4));
        layer.dilation = intList(n->input(5));
        auto groups = torch::jit::toIValue(n->input(generic ? 8 : 6));
        layer.groups = groups && groups->isInt() ? groups->toInt() : 1;
        finish(n, layer);
    }

    void addLinear(Node* n)
    {
        auto owner = weightOwner(n, "linear layer");
        if (!owner)
            return;
        const std::string name = owner->empty() ? "weight" : *owner;
        if (alreadySeen(name))
            return;
        LayerInfo layer;
        layer.name = name;
        layer.kind = LayerKind::Linear;
        layer.weightShape = tensorAt(owner->empty() ? "weight" : *owner + ".weight").sizes().vec();
        finish(n, layer);
    }

    // Bias, the BatchNorm that follows (if any) and the activation after that.
    void finish(Node* n, LayerInfo& layer)
    {
        LayerBinding binding;
        int64_t biasElems = 0;
        if (n->input(2)->type()->kind() != c10::TypeKind::NoneType) {
            auto biasPath = attributePath(n->input(2), self_);
            // In scripted modules the attribute is Optional[Tensor] and may hold None.
            if (biasPath) {
                c10::IValue b = valueAt(*biasPath);
                biasElems = b.isTensor() ? b.toTensor().numel() : 0;
            }
        }
        layer.hasBias = biasElems > 0;
        layer.params = layer.weightShape.empty() ? 0 : 1;
        for (int64_t d : layer.weightShape)
            layer.params *= d;
        layer.params += biasElems;

        const Value* out = n->output();
        auto users = dataUses(out);
        if (users.size() == 1 && users[0]->kind() == aten::batch_norm && users[0]->input(0) == out) {
            Node* bn = users[0];
            auto training = torch::jit::toIValue(bn->input(5));
            if (training && training->isBool() && training->toBool())
                throw Error("the model was traced in training mode (BatchNorm after " + layer.name +
                            " uses batch statistics); call model.eval() before torch.jit.trace");
            auto bnOwner = ownerOf(attributePath(bn->input(3), self_), "running_mean");
            if (!bnOwner)
                bnOwner = ownerOf(attributePath(bn->input(1), self_), "weight");
            auto eps = scalar(bn->input(7));
            if (bnOwner && !bnOwner->empty() && eps) {
                layer.batchNorm = *bnOwner;
                binding.batchNormEps = *eps;
            }
            out = bn->output();
            users = dataUses(out);
        }
        if (users.size() == 1)
            layer.activation = activationOf(users[0]);
        result_.layers.push_back(layer);
        result_.bindings.push_back(binding);
    }

    const torch::jit::Module& module_;
    const Value* self_ = nullptr;
    GraphAnalysis result_;
    std::map<std::string, bool> seen_;
};

} // namespace

c10::Symbol layerTag()
{
    static const c10::Symbol tag = c10::Symbol::attr("adaround_layer");
    return tag;
}

GraphAnalysis analyzeForwardGraph(const torch::jit::Module& module)
{
    return Analyzer(module).run();
}

torch::jit::Node* findLayerNode(torch::jit::Block* block, int64_t layer)
{
    for (torch::jit::Node* n : block->nodes()) {
        if (n->hasAttribute(layerTag()) && n->i(layerTag()) == layer)
            return n;
        for (torch::jit::Block* sub : n->blocks())
            if (torch::jit::Node* found = findLayerNode(sub, layer))
                return found;
    }
    return nullptr;
}

} // namespace adaround
