#include "segmented_forward_p.h"

#include "adaround/error.h"

#include <torch/csrc/jit/ir/alias_analysis.h>

#include <algorithm>
#include <limits>
#include <set>
#include <unordered_map>

namespace adaround {
namespace {

using torch::jit::Block;
using torch::jit::Graph;
using torch::jit::Node;
using torch::jit::Value;

// The top-level node a (possibly nested) node belongs to.
Node* topLevelOf(Node* n, const Block* top)
{
    while (n->owningBlock() != top)
        n = n->owningBlock()->owningNode();
    return n;
}

} // namespace

struct SegmentedForward::Segment {
    std::unique_ptr<torch::jit::GraphFunction> function;
    std::vector<Value*> inputs; // values of the model's graph, in the order of the state
    int layerInput = -1;        // index in inputs of the cut layer's input (segments after the first)
    bool writesInputs = false;
};

SegmentedForward::SegmentedForward(const ModelImpl& model, const std::vector<int>& cutLayers)
    : module_(model.module), cutLayers_(cutLayers)
{
    std::shared_ptr<Graph> graph = model.graph->copy();
    Block* top = graph->block();
    std::vector<Node*> nodes(top->nodes().begin(), top->nodes().end());
    std::unordered_map<const Node*, int64_t> position;
    for (size_t i = 0; i < nodes.size(); ++i)
        position[nodes[i]] = int64_t(i);
    const int64_t end = int64_t(nodes.size());

    // Segment boundaries: 0, the cut layers' positions, the end.
    std::vector<int64_t> bounds{0};
    std::vector<Node*> cutNodes;
    for (int layer : cutLayers) {
        Node* node = findLayerNode(top, layer);
        const std::string& name = model.layers.at(size_t(layer)).name;
        if (!node)
            throw Error(model.path + ": layer " + name + " not found in the forward graph");
        if (node->owningBlock() != top)
            throw Error(model.path + ": layer " + name + " runs inside control flow; its input cannot be captured");
        if (position.at(node) <= bounds.back() && bounds.size() > 1)
            throw Error(model.path + ": layer " + name + " runs before the layer listed ahead of it");
        bounds.push_back(position.at(node));
        cutNodes.push_back(node);
    }
    bounds.push_back(end);

    // Each value's definition and last use, as top-level positions (graph inputs
    // at -1, the graph's outputs used at END).
    struct Span {
        Value* value;
        int64_t defined, lastUse;
    };
    std::vector<Span> spans;
    auto lastUseOf = [&](Value* v) {
        int64_t last = std::numeric_limits<int64_t>::min();
        for (const auto& use : v->uses())
            last = std::max(last, use.user == graph->return_node() ? end : position.at(topLevelOf(use.user, top)));
        return last;
    };
    for (Value* v : graph->inputs())
        spans.push_back({v, -1, lastUseOf(v)});
    for (size_t i = 0; i < nodes.size(); ++i)
        for (Value* v : nodes[i]->outputs())
            spans.push_back({v, int64_t(i), lastUseOf(v)});
    auto liveAt = [&](int64_t cut) {
        std::vector<Value*> live;
        for (const Span& s : spans)
            if (s.defined < cut && s.lastUse >= cut)
                live.push_back(s.value);
        return live;
    };

    for (size_t s = 0; s + 1 < bounds.size(); ++s) {
        auto seg = std::make_unique<Segment>();
        seg->inputs = s == 0 ? std::vector<Value*>(graph->inputs().begin(), graph->inputs().end()) : liveAt(bounds[s]);
        const std::vector<Value*> outputs =
            s + 2 == bounds.size() ? std::vector<Value*>(graph->outputs().begin(), graph->outputs().end())
                                   : liveAt(bounds[s + 1]);
        auto part = std::make_shared<Graph>();
        std::unordered_map<Value*, Value*> map;
        for (Value* v : seg->inputs) {
            Value* in = part->addInput()->setType(v->type());
            if (v->hasDebugName())
                in->setDebugName(v->debugName());
            map[v] = in;
        }
        for (int64_t i = bounds[s]; i < bounds[s + 1]; ++i) {
            Node* copy = part->insertNode(part->createClone(nodes[size_t(i)], [&](Value* v) { return map.at(v); }));
            for (size_t o = 0; o < copy->outputs().size(); ++o)
                map[nodes[size_t(i)]->output(o)] = copy->output(o);
        }
        // A graph function returns one value: the live values go out as a tuple.
        std::vector<Value*> mapped;
        for (Value* v : outputs)
            mapped.push_back(map.at(v));
        part->registerOutput(part->insertNode(part->createTuple(mapped))->output());
        if (s > 0) {
            const auto it = std::find(seg->inputs.begin(), seg->inputs.end(), cutNodes[s - 1]->input(0));
            seg->layerInput = int(it - seg->inputs.begin()); // live at the cut: the layer reads it
        }
        torch::jit::AliasDb aliases(part);
        for (Value* in : part->inputs())
            seg->writesInputs = seg->writesInputs || (in->type()->kind() != c10::TypeKind::ClassType &&
                                                      aliases.hasWriters(in));
        seg->function = std::make_unique<torch::jit::GraphFunction>("segment_" + std::to_string(s), part, nullptr);
        segments_.push_back(std::move(seg));
    }
}

SegmentedForward::~SegmentedForward() = default;

SegmentedForward::State SegmentedForward::start(const torch::Tensor& images)
{
    return advance(0, State{module_._ivalue(), images});
}

SegmentedForward::State SegmentedForward::advance(size_t s, State state)
{
    torch::NoGradGuard noGrad;
    segments_.at(s)->function->run(state);
    const auto tuple = state.back().toTuple();
    return State(tuple->elements().begin(), tuple->elements().end());
}

size_t SegmentedForward::layerInputIndex(size_t c) const
{
    return size_t(segments_.at(c + 1)->layerInput);
}

torch::Tensor SegmentedForward::layerInput(size_t c, const State& state) const
{
    return state.at(layerInputIndex(c)).toTensor();
}

bool SegmentedForward::writesInputs(size_t s, bool allAfter) const
{
    for (size_t i = s; i < segments_.size(); ++i) {
        if (segments_[i]->writesInputs)
            return true;
        if (!allAfter)
            break;
    }
    return false;
}

size_t stateBytes(const SegmentedForward::State& state)
{
    std::set<const void*> seen;
    size_t bytes = 0;
    for (const c10::IValue& v : state)
        if (v.isTensor() && v.toTensor().defined()) {
            const auto& storage = v.toTensor().storage();
            if (seen.insert(storage.data()).second)
                bytes += storage.nbytes();
        }
    return bytes;
}

SegmentedForward::State cloneState(const SegmentedForward::State& state)
{
    SegmentedForward::State out;
    out.reserve(state.size());
    for (const c10::IValue& v : state)
        out.push_back(v.isTensor() && v.toTensor().defined() ? c10::IValue(v.toTensor().clone()) : v);
    return out;
}

} // namespace adaround
