#include "adaround/rtn.h"

#include "adaround/error.h"
#include "adaround/model.h"
#include "guard_p.h"
#include "model_impl_p.h"
#include "quant_ops_p.h"

namespace adaround {

std::vector<QuantGrid> applyRoundToNearest(Model& model, const std::vector<int>& bits, const QuantSpec& spec)
{
    ModelImpl& m = model.impl();
    if (bits.size() != m.layers.size())
        throw Error("bit plan has " + std::to_string(bits.size()) + " entries for " +
                    std::to_string(m.layers.size()) + " layers");
    std::vector<QuantGrid> grids(bits.size());
    torch::NoGradGuard noGrad;
    for (size_t i = 0; i < bits.size(); ++i) {
        if (bits[i] == 0)
            continue;
        inContext(m.path + ": layer " + m.layers[i].name, [&] {
            QuantSpec layerSpec = spec;
            layerSpec.bits = bits[i];
            torch::Tensor w = m.weight(int(i));
            TensorGrid grid = fitTensorGrid(w, layerSpec);
            w.copy_(quantizeNearest(w, grid));
            grids[i] = toQuantGrid(grid);
        });
    }
    return grids;
}

} // namespace adaround
