#include "subset_baseline_p.h"

#include "adaround/accuracy.h"
#include "adaround/model.h"
#include "adaround/rtn.h"
#include "model_impl_p.h"

namespace adaround {

SubsetBaseline measureSubsetBaseline(Model& fp, Model& rtn, const std::vector<int>& bits, const QuantSpec& spec,
                                     const ImageSet& subset, int batchSize, const ProgressFn& progress)
{
    auto stage = [&progress](const char* name) -> ProgressFn {
        return [&progress, name](const Progress& p) {
            if (progress)
                progress({name, p.done, p.total});
        };
    };
    SubsetBaseline b;
    b.fp32 = evaluate(fp, subset, batchSize, stage("subset baseline: FP32"));
    applyRoundToNearest(rtn, bits, spec); // the grids the run fits layer by layer, all at once
    b.rtn = evaluate(rtn, subset, batchSize, stage("subset baseline: RTN of every planned layer"));
    torch::NoGradGuard noGrad;
    for (size_t i = 0; i < bits.size(); ++i)
        if (bits[i] > 0)
            rtn.impl().weight(int(i)).copy_(fp.impl().weight(int(i)));
    return b;
}

} // namespace adaround
