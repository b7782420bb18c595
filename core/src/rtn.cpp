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
        const std::string context = m.path + ": layer " + m.layers[i].name;
        try {
            guarded(context, [&] {
                QuantSpec layerSpec = spec;
                layerSpec.bits = bits[i];
                torch::Tensor w = m.weight(int(i));
                TensorGrid grid = fitTensorGrid(w, layerSpec);
                w.copy_(quantizeNearest(w, grid));
                grids[i] = toQuantGrid(grid);
            });
        } catch (const Error& e) {
            const std::string what = e.what();
            throw what.rfind(context, 0) == 0 ? e : Error(context + ": " + what);
        }
    }
    return grids;
}

} // namespace adaround
