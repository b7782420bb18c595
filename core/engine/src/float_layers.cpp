#include "float_layers_p.h"

#include <set>

namespace adaround {
namespace {

std::string className(const torch::jit::Module& m)
{
    const auto& name = m.type()->name();
    return name ? name->name() : "module";
}

} // namespace

std::vector<FloatLayer> findFloatLayers(const torch::jit::Module& module, const std::vector<LayerInfo>& layers)
{
    std::set<std::string> handled;
    for (const LayerInfo& l : layers) {
        handled.insert(l.name == "weight" ? "" : l.name); // "weight": the root module is the layer
        handled.insert(l.batchNorm);
    }
    std::vector<FloatLayer> out;
    for (const auto& entry : module.named_modules()) {
        if (handled.count(entry.name))
            continue;
        bool hasWeights = false;
        for (const auto& p : entry.value.named_parameters(false))
            hasWeights = hasWeights || (p.value.dim() >= 2 && p.value.is_floating_point());
        const std::string kind = className(entry.value);
        if (hasWeights && kind.find("Norm") == std::string::npos)
            out.push_back({entry.name.empty() ? "(model)" : entry.name, kind});
    }
    return out;
}

} // namespace adaround
