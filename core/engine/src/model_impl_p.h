#pragma once
// The Torch side of Model, shared by core's own translation units.
#include "adaround/layer_info.h"
#include "graph_analysis_p.h"

#include "adaround/quantizer.h"

#include <torch/csrc/jit/api/function_impl.h>
#include <torch/script.h>

#include <memory>

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
    std::vector<FloatLayer> floatLayers; // modules with weights that stay in float
    std::vector<torch::Tensor> foldedBias; // per layer, defined once its BN is folded
    std::vector<ActivationGrid> inputGrids; // activation quantizers on layer inputs (may be empty)
    std::shared_ptr<torch::jit::GraphFunction> quantizedForward; // the graph with them; null without

    torch::jit::Module layerModule(int layer) const;
    torch::Tensor weight(int layer) const;       // the live parameter (edit in place)
    torch::Tensor bias(int layer) const;         // effective bias, undefined if none
    torch::Tensor forward(const torch::Tensor& input);
    int foldBatchNorm();
    // Inserts a fake-quant op before each listed layer's input in the prepared
    // graph; forward() and layer-input captures then see quantized activations.
    void setInputQuantizers(const std::vector<ActivationGrid>& grids);
};

} // namespace adaround
