// The objective cost model (objective_cost.h) against measured times, on the
// geometries of real layers: the demo CNN's five and two of the demo MobileNet's
// 1x1 projections and its classifier (1,024 calibration images), and
// torchvision resnet18's downsample convs and fc at 224x224 (120 images, as in
// issue 11). For each layer and objective it times what the model predicts —
// the fused reconstruction gradient's setup (the exact form's moments) and its
// steps — on random inputs of the layer's shapes, and prints both side by side
// with the choice `--objective auto` makes.
//   build/bench/bench_objective_cost [ITERATIONS] [THREADS]
#include "adaround/objective_cost.h"
#include "adaround/runtime.h"
#include "rec_gradient_p.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>

using namespace adaround;

namespace {

struct Case {
    const char* name;
    LayerInfo info;
    std::vector<int64_t> inputShape;
};

Case conv(const char* name, int64_t n, int64_t cin, int64_t cout, int64_t k, int64_t stride, int64_t hw,
          Activation act)
{
    Case c{name, {}, {n, cin, hw, hw}};
    c.info.name = name;
    c.info.kind = LayerKind::Conv2d;
    c.info.weightShape = {cout, cin, k, k};
    c.info.stride = {stride, stride};
    c.info.padding = {k / 2, k / 2};
    c.info.dilation = {1, 1};
    c.info.activation = act;
    return c;
}

Case linear(const char* name, int64_t n, int64_t in, int64_t out, Activation act)
{
    Case c{name, {}, {n, in}};
    c.info.name = name;
    c.info.kind = LayerKind::Linear;
    c.info.weightShape = {out, in};
    c.info.activation = act;
    return c;
}

double seconds(std::chrono::steady_clock::time_point since)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

struct Measured {
    double setup = 0, step = 0;
};

// Best of two: setup (building the gradient object) and seconds per step.
template <class Make>
Measured measure(Make make, const torch::Tensor& w, int iterations)
{
    Measured best{1e30, 1e30};
    for (int r = 0; r < 2; ++r) {
        auto t0 = std::chrono::steady_clock::now();
        std::unique_ptr<RecGradient> g = make();
        const double setup = seconds(t0);
        double loss = 0;
        g->gradient(w, &loss); // warm-up
        t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < iterations; ++i)
            g->gradient(w, &loss);
        best.setup = std::min(best.setup, setup);
        best.step = std::min(best.step, seconds(t0) / iterations);
    }
    return best;
}

} // namespace

int main(int argc, char** argv)
{
    const int iterations = argc > 1 ? std::atoi(argv[1]) : 500;
    setThreads(argc > 2 ? std::atoi(argv[2]) : 0);
    const int batch = 32;
    torch::manual_seed(0);
    const Case cases[] = {
        conv("demo conv1", 1024, 1, 16, 3, 1, 28, Activation::ReLU),
        conv("demo conv2", 1024, 16, 32, 3, 1, 14, Activation::ReLU),
        conv("demo conv3", 1024, 32, 32, 3, 1, 7, Activation::ReLU),
        linear("demo fc1", 1024, 1568, 128, Activation::ReLU),
        linear("demo fc2", 1024, 128, 10, Activation::None),
        conv("mnv2 features.1.conv.2", 1024, 32, 16, 1, 1, 28, Activation::None),
        conv("mnv2 features.4.conv.2", 1024, 96, 32, 1, 1, 7, Activation::None),
        linear("mnv2 classifier", 1024, 128, 10, Activation::None),
        conv("r18 layer2.0.downsample", 120, 64, 128, 1, 2, 56, Activation::None),
        conv("r18 layer3.0.downsample", 120, 128, 256, 1, 2, 28, Activation::None),
        conv("r18 layer4.0.downsample", 120, 256, 512, 1, 2, 14, Activation::None),
        linear("r18 fc (10 classes)", 120, 512, 10, Activation::None),
        linear("r18 fc (1000 classes)", 120, 512, 1000, Activation::None),
    };
    std::printf("threads %d, batch %d, %d iterations per measurement (best of 2); seconds\n\n", threads(), batch,
                iterations);
    std::printf("%-24s %-20s %-20s %-20s %-22s %-22s %s\n", "layer", "paper s/step", "exact moments s",
                "exact s/step", "paper total", "exact total", "auto");
    std::printf("%-24s %-20s %-20s %-20s %-22s %-22s %s\n", "", "  pred     meas", "  pred     meas", "  pred     meas",
                "  pred      meas", "  pred      meas", "pred/meas");
    for (const Case& c : cases) {
        LayerInfo info = c.info;
        const torch::Tensor x = torch::randn(c.inputShape);
        const torch::Tensor xq = x + 0.05 * torch::randn(c.inputShape);
        const torch::Tensor w = 0.1 * torch::randn(info.weightShape);
        const torch::Tensor bias = torch::randn({info.weightShape[0]});
        torch::Tensor target;
        {
            torch::NoGradGuard noGrad;
            const int64_t n = c.inputShape[0];
            std::vector<torch::Tensor> parts;
            for (int64_t s = 0; s < n; s += 256) {
                const torch::Tensor xs = x.narrow(0, s, std::min<int64_t>(256, n - s));
                parts.push_back(info.kind == LayerKind::Linear
                                    ? torch::linear(xs, w, bias)
                                    : torch::conv2d(xs, w, bias, info.stride, info.padding, info.dilation));
            }
            target = torch::relu(torch::cat(parts, 0)).contiguous();
        }
        const Measured paper = measure(
            [&] { return makePaperGradient(info, xq, target, bias, batch, 1, false); }, w, iterations);
        const Measured exact = measure([&] { return makeExactGradient(info, x, xq, w); }, w, iterations);
        const LayerWork work = layerWork(info, c.inputShape);
        const ObjectiveCost pred = objectiveCost(work, iterations, batch);
        const double paperTotal = paper.setup + paper.step * iterations;
        const double exactTotal = exact.setup + exact.step * iterations;
        AdaRoundConfig config;
        config.objective = Objective::Auto;
        config.iterations = iterations;
        config.batchSize = batch;
        const Objective chosen = chooseObjective(info, work, config);
        const char* best = info.activation != Activation::None ? "paper (ReLU)"
                           : exactTotal < paperTotal          ? "exact"
                                                              : "paper";
        std::printf("%-24s %8.2e %8.2e   %8.2e %8.2e   %8.2e %8.2e   %9.3f %9.3f   %9.3f %9.3f   %s/%s\n", c.name,
                    pred.paperStep, paper.step, pred.exactMoments, exact.setup, pred.exactStep, exact.step,
                    pred.paper(), paperTotal, pred.exact(), exactTotal, toString(chosen).c_str(), best);
    }
    return 0;
}
