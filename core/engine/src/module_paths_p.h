#pragma once
// Dotted module paths ("layer1.0.conv1") into a TorchScript module tree.
#include <torch/script.h>

#include <string>

namespace adaround {

torch::jit::Module submoduleAt(const torch::jit::Module& root, const std::string& path);
c10::IValue attributeAt(const torch::jit::Module& root, const std::string& path);

} // namespace adaround
