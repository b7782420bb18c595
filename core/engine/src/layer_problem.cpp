#include "adaround/layer_problem.h"

#include "adaround/error.h"
#include "guard_p.h"
#include "layer_optimizer_p.h"
#include "tensor_convert_p.h"

namespace adaround {

LayerSolution solveLayer(const LayerProblem& p, const AdaRoundConfig& config, RunObserver* observer,
                         const RunControl* control)
{
    return guarded("AdaRound on " + p.info.name, [&] {
        config.validate();
        if (p.inputFp.shape != p.inputQ.shape)
            throw Error("x and x^ differ in shape: " + shapeString(p.inputFp.shape) + " vs " +
                        shapeString(p.inputQ.shape));
        if (p.inputQ.shape.empty() || p.inputQ.shape[0] < config.batchSize)
            throw Error("fewer samples than the batch size " + std::to_string(config.batchSize));
        LayerInfo info = p.info;
        info.weightShape = p.weight.shape;
        LayerTask task;
        task.info = &info;
        task.weight = toTorch(p.weight);
        if (!p.bias.shape.empty())
            task.bias = toTorch(p.bias);
        task.grid = toTensorGrid(p.grid, task.weight);
        task.inputFp = toTorch(p.inputFp);
        task.inputQ = toTorch(p.inputQ);
        CallbackObserver silent([](const RunEvent&) {});
        RunControl never;
        LayerResult r = optimiseLayer(task, config, observer ? *observer : silent, control ? *control : never);
        LayerSolution s;
        s.weight = toHost(r.weight);
        s.rtnWeight = toHost(quantizeNearest(task.weight, task.grid));
        s.summary = r.summary;
        s.cancelled = r.cancelled;
        return s;
    });
}

} // namespace adaround
