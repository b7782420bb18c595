// The layer optimiser's two paths side by side on demo-sized synthetic layers:
// fused (explicit gradients, fused weight-side passes) vs LibTorch autograd,
// and for convs, convolution kernels vs im2col + GEMM. Same data, same seed,
// alternated in one run; prints iterations per second and their ratio.
//   build/bench/bench_layer_paths [ITERATIONS] [THREADS]
#include "adaround/layer_problem.h"
#include "adaround/runtime.h"

#include <cstdio>
#include <cstdlib>
#include <random>

using namespace adaround;

namespace {

HostTensor randomTensor(std::vector<int64_t> shape, uint32_t seed, float scale)
{
    HostTensor t;
    t.shape = std::move(shape);
    t.values.resize(size_t(t.numel()));
    std::mt19937 gen(seed);
    std::normal_distribution<float> d(0.f, scale);
    for (float& v : t.values)
        v = d(gen);
    return t;
}

LayerProblem convProblem(const char* name, int64_t cin, int64_t cout, int64_t hw, int64_t groups)
{
    LayerProblem p;
    p.info.name = name;
    p.info.kind = LayerKind::Conv2d;
    p.info.groups = groups;
    p.info.stride = {1, 1};
    p.info.padding = {1, 1};
    p.info.dilation = {1, 1};
    p.info.activation = Activation::ReLU;
    p.weight = randomTensor({cout, cin / groups, 3, 3}, 1, 0.1f);
    p.inputFp = randomTensor({1024, cin, hw, hw}, 2, 1.f);
    p.inputQ = p.inputFp;
    p.grid = fitGrid(p.weight, {4, true, false});
    return p;
}

LayerProblem linearProblem(const char* name, int64_t in, int64_t out)
{
    LayerProblem p;
    p.info.name = name;
    p.info.kind = LayerKind::Linear;
    p.info.activation = Activation::ReLU;
    p.weight = randomTensor({out, in}, 1, 0.05f);
    p.inputFp = randomTensor({1024, in}, 2, 1.f);
    p.inputQ = p.inputFp;
    p.grid = fitGrid(p.weight, {4, true, false});
    return p;
}

double rate(const LayerProblem& p, AdaRoundConfig c)
{
    return solveLayer(p, c).summary.iterationsPerSecond;
}

} // namespace

int main(int argc, char** argv)
{
    const int iterations = argc > 1 ? std::atoi(argv[1]) : 500;
    setThreads(argc > 2 ? std::atoi(argv[2]) : 0);
    AdaRoundConfig base;
    base.iterations = iterations;
    std::printf("threads %d, %d iterations per measurement (best of 2)\n\n", threads(), iterations);
    std::printf("%-28s %10s %10s %10s %8s %8s\n", "layer", "autograd", "fused", "im2col", "fused/ag", "im2c/ag");
    const LayerProblem problems[] = {
        convProblem("conv 1->16 @28x28", 1, 16, 28, 1),     convProblem("conv 16->32 @14x14", 16, 32, 14, 1),
        convProblem("conv 32->32 @7x7", 32, 32, 7, 1),      convProblem("depthwise 64 @14x14", 64, 64, 14, 64),
        linearProblem("linear 1568->128", 1568, 128),      linearProblem("linear 128->10", 128, 10),
    };
    for (const LayerProblem& p : problems) {
        double ag = 0, fu = 0, im = 0;
        for (int r = 0; r < 2; ++r) {
            AdaRoundConfig c = base;
            c.fusedKernels = false;
            ag = std::max(ag, rate(p, c));
            c.fusedKernels = true;
            fu = std::max(fu, rate(p, c));
            if (p.info.kind == LayerKind::Conv2d) {
                c.im2colConvs = true;
                im = std::max(im, rate(p, c));
            }
        }
        std::printf("%-28s %10.0f %10.0f %10.0f %7.2fx %7.2fx\n", p.info.name.c_str(), ag, fu, im, fu / ag,
                    im > 0 ? im / ag : 0.0);
    }
    return 0;
}
