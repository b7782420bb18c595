#pragma once
// The Torch side of Model, shared by core's own translation units.
#include "adaround/layer_info.h"
#include "graph_analysis_p.h"

#include <torch/script.h>

#include <string>
#include <vector>

namespace adaround {

class ModelImpl {
public:
    std::string path;
    torch::jit::Module module;
    std::shared_ptr<torch::jit::Graph> graph; // prepared forward graph of this module (see graph_analysis_p.h)
    std::vector<LayerInfo> layers;
    std::vector<LayerBinding> bindings;
    std::vector<std::string> notes;
    std::vector<torch::Tensor> foldedBias; // per layer, defined once its BN is folded

    torch::jit::Module layerModule(int layer) const;
    torch::Tensor weight(int layer) const;       // the live parameter (edit in place)
    torch::Tensor bias(int layer) const;         // effective bias, undefined if none
    torch::Tensor forward(const torch::Tensor& input);
    int foldBatchNorm();
};

} // namespace adaround
