#pragma once
// Finds the quantizable layers of a TorchScript module by walking its inlined
// forward graph: conv/linear nodes in execution order, their weights resolved
// through prim::GetAttr chains to module paths, the BatchNorm and activation
// that follow each one.
#include "adaround/layer_info.h"

#include <torch/script.h>

#include <string>
#include <vector>

namespace adaround {

struct LayerBinding {
    double batchNormEps = 1e-5; // from the batch_norm node, for folding
};

// Each layer's conv/linear node in GraphAnalysis::graph carries this int
// attribute: its index in the layer table. It survives Graph::copy().
c10::Symbol layerTag();

// The node tagged as `layer` in the block or its sub-blocks; null if none.
torch::jit::Node* findLayerNode(torch::jit::Block* block, int64_t layer);

struct GraphAnalysis {
    std::shared_ptr<torch::jit::Graph> graph; // inlined, eval-mode branches only, layers tagged
    std::vector<LayerInfo> layers;
    std::vector<LayerBinding> bindings; // parallel to layers
    std::vector<std::string> notes;     // unsupported layers, reused modules
};

// Throws Error when the graph cannot be used (e.g. traced in training mode).
GraphAnalysis analyzeForwardGraph(const torch::jit::Module& module);

} // namespace adaround
