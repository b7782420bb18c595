#pragma once
// What model analysis reports about one quantizable layer.
#include <cstdint>
#include <string>
#include <vector>

namespace adaround {

enum class LayerKind { Conv2d, Linear };
enum class Activation { None, ReLU, ReLU6 };

struct LayerInfo {
    std::string name;                 // module path, e.g. "features.1.conv.0.0"
    LayerKind kind = LayerKind::Conv2d;
    std::vector<int64_t> weightShape; // [out, in/groups, kh, kw] or [out, in]
    int64_t params = 0;               // weight + bias elements
    int64_t groups = 1;
    std::vector<int64_t> stride, padding, dilation; // convs only
    Activation activation = Activation::None;       // the op applied right after (BN looked through)
    std::string batchNorm;            // module path of the BatchNorm that follows, if any
    bool batchNormFolded = false;
    bool hasBias = false;             // true after folding a BatchNorm

    bool isDepthwise() const
    {
        return kind == LayerKind::Conv2d && groups > 1 && weightShape.size() == 4 && weightShape[1] == 1;
    }
};

// A module with weights that AdaRound does not quantize (ConvTranspose2d, Conv1d,
// LSTM, Embedding, ...): it runs in float in the quantized model.
struct FloatLayer {
    std::string name; // module path
    std::string kind; // its class, e.g. "LSTM"
};

std::string toString(LayerKind kind);      // "Conv2d", "Linear"
std::string describeKind(const LayerInfo&); // "Conv2d", "Conv2d (depthwise)", "Conv2d (groups=4)", "Linear"
std::string toString(Activation act);      // "none", "ReLU", "ReLU6"
std::string shapeString(const std::vector<int64_t>& shape); // "16x1x3x3"

} // namespace adaround
