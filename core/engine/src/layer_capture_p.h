#pragma once
// Captures a layer's input: the model's prepared graph cut right before the
// layer's node, returning a copy of the node's input, run on the module itself.
#include "adaround/progress.h"
#include "model_impl_p.h"

#include <torch/csrc/jit/api/function_impl.h>

#include <memory>

namespace adaround {

class LayerInputCapture {
public:
    LayerInputCapture(const ModelImpl& model, int layer);
    ~LayerInputCapture();

    // Input of the layer for a batch of model inputs.
    torch::Tensor run(const torch::Tensor& images);

    // For all images, in chunks; refuses up front (Error) if the result would
    // exceed maxBytes, with the estimate and the budget in the message.
    // PROGRESS is called after each chunk (a cancelled run throws from it).
    torch::Tensor runAll(const torch::Tensor& images, size_t maxBytes, const ProgressFn& progress = {},
                         int chunk = 128);

private:
    torch::jit::Module module_;
    std::string name_;
    std::unique_ptr<torch::jit::GraphFunction> function_;
};

} // namespace adaround
