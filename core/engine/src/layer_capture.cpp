#include "layer_capture_p.h"

#include "adaround/error.h"

#include <torch/csrc/jit/passes/dead_code_elimination.h>

namespace adaround {

LayerInputCapture::LayerInputCapture(const ModelImpl& model, int layer)
    : module_(model.module), name_(model.layers.at(layer).name)
{
    auto graph = model.graph->copy();
    torch::jit::Node* node = findLayerNode(graph->block(), layer);
    if (!node)
        throw Error(model.path + ": layer " + name_ + " not found in the forward graph");
    if (node->owningBlock() != graph->block())
        throw Error(model.path + ": layer " + name_ + " runs inside control flow; its input cannot be captured");
    // Copy the input where the layer reads it, so later in-place ops cannot change it.
    torch::jit::WithInsertPoint guard(node);
    torch::jit::Value* none = graph->insertConstant(c10::IValue());
    torch::jit::Node* copy = graph->insertNode(graph->create(c10::aten::clone, {node->input(0), none}));
    copy->output()->setType(node->input(0)->type());
    while (!graph->outputs().empty())
        graph->eraseOutput(0);
    graph->registerOutput(copy->output());
    torch::jit::EliminateDeadCode(graph);
    function_ = std::make_unique<torch::jit::GraphFunction>("capture_" + std::to_string(layer), graph, nullptr);
}

LayerInputCapture::~LayerInputCapture() = default;

torch::Tensor LayerInputCapture::run(const torch::Tensor& images)
{
    torch::NoGradGuard noGrad;
    std::vector<c10::IValue> stack{module_._ivalue(), images};
    function_->run(stack);
    return stack.back().toTensor();
}

torch::Tensor LayerInputCapture::runAll(const torch::Tensor& images, size_t maxBytes, const ProgressFn& progress,
                                        int chunk)
{
    const int64_t n = images.size(0);
    std::vector<torch::Tensor> parts;
    for (int64_t start = 0; start < n; start += chunk) {
        torch::Tensor part = run(images.narrow(0, start, std::min<int64_t>(chunk, n - start)));
        if (parts.empty() && maxBytes) {
            const size_t perImage = size_t(part.numel() / std::max<int64_t>(1, part.size(0))) * sizeof(float);
            const size_t total = perImage * size_t(n);
            if (total > maxBytes)
                throw Error("caching the inputs of " + name_ + " for " + std::to_string(n) + " images needs " +
                            std::to_string(total >> 20) + " MiB, over the " + std::to_string(maxBytes >> 20) +
                            " MiB budget (use fewer calibration images or raise the budget)");
        }
        parts.push_back(part);
        if (progress)
            progress({"capturing the inputs of " + name_, start + part.size(0), n});
    }
    return torch::cat(parts, 0);
}

} // namespace adaround
