#include "adaround/layer_info.h"

namespace adaround {

std::string toString(LayerKind kind)
{
    return kind == LayerKind::Linear ? "Linear" : "Conv2d";
}

std::string describeKind(const LayerInfo& layer)
{
    if (layer.isDepthwise())
        return "Conv2d (depthwise)";
    if (layer.kind == LayerKind::Conv2d && layer.groups > 1)
        return "Conv2d (groups=" + std::to_string(layer.groups) + ")";
    return toString(layer.kind);
}

std::string toString(Activation act)
{
    switch (act) {
    case Activation::ReLU: return "ReLU";
    case Activation::ReLU6: return "ReLU6";
    case Activation::None: break;
    }
    return "none";
}

std::string shapeString(const std::vector<int64_t>& shape)
{
    std::string s;
    for (size_t i = 0; i < shape.size(); ++i)
        s += (i ? "x" : "") + std::to_string(shape[i]);
    return s;
}

} // namespace adaround
