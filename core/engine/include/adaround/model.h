#pragma once
// A loaded TorchScript model: its quantizable layers in forward order, BatchNorm
// folding, weight substitution and a forward pass. Torch stays behind the pimpl.
#include "adaround/host_tensor.h"
#include "adaround/layer_info.h"

#include <memory>
#include <string>
#include <vector>

namespace adaround {

class ModelImpl;

class Model {
public:
    // Loads and analyses a TorchScript archive (traced or scripted). Throws Error
    // naming the file and the problem: missing, not TorchScript, truncated, traced
    // in training mode, or without a single Conv2d/Linear layer.
    static std::unique_ptr<Model> load(const std::string& path);
    ~Model();

    const std::string& path() const;
    const std::vector<LayerInfo>& layers() const;
    // Layers that look quantizable but are not handled (e.g. ConvTranspose2d), as notes.
    const std::vector<std::string>& notes() const;
    // Modules with weights that AdaRound does not quantize (ConvTranspose2d,
    // Conv1d, LSTM, ...): they run in float in the quantized model.
    const std::vector<FloatLayer>& floatLayers() const;
    int findLayer(const std::string& name) const; // -1 if absent
    int64_t inputChannels() const;                // of the first layer

    // Folds every BatchNorm that directly follows a conv into that conv. Returns
    // how many were folded; the model computes the same function afterwards.
    int foldBatchNorm();

    HostTensor weight(int layer) const;
    void setWeight(int layer, const HostTensor& weight); // same shape required
    HostTensor bias(int layer) const;                     // empty shape if none

    // Runs the model on a batch [N, C, H, W]; returns the logits [N, classes].
    HostTensor forward(const HostTensor& input);

    // An independent deep copy (weights included).
    std::unique_ptr<Model> clone() const;

    ModelImpl& impl() { return *d; }
    const ModelImpl& impl() const { return *d; }

private:
    explicit Model(std::unique_ptr<ModelImpl> impl);
    std::unique_ptr<ModelImpl> d;
};

} // namespace adaround
