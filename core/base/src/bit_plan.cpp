#include "adaround/bit_plan.h"

#include "adaround/error.h"
#include "adaround/quant_grid.h"

namespace adaround {

std::vector<int> resolveBits(const std::vector<LayerInfo>& layers, const BitPlan& plan)
{
    validateBits(plan.defaultBits);
    if (plan.firstLastBits != 0)
        validateBits(plan.firstLastBits, "first/last layer bits");
    std::vector<int> bits(layers.size(), plan.defaultBits);
    if (plan.firstLastBits != 0 && !bits.empty()) {
        bits.front() = plan.firstLastBits;
        bits.back() = plan.firstLastBits;
    }
    for (const auto& [name, b] : plan.overrides) {
        size_t i = 0;
        while (i < layers.size() && layers[i].name != name)
            ++i;
        if (i == layers.size()) {
            std::string known;
            for (size_t k = 0; k < layers.size() && k < 12; ++k)
                known += (k ? ", " : "") + layers[k].name;
            if (layers.size() > 12)
                known += ", ...";
            throw Error("no layer named '" + name + "' in the model (layers: " + known + ")");
        }
        if (b != 0)
            validateBits(b, ("bits for layer " + name).c_str());
        bits[i] = b;
    }
    return bits;
}

} // namespace adaround
