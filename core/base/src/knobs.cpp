#include "adaround/knobs.h"

#include "adaround/error.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "knob_rows_p.h"

namespace adaround {
namespace {

using namespace knobrows;

std::vector<std::string> preprocessChoices()
{
    std::vector<std::string> names{"auto"};
    for (const auto& n : Preprocess::presetNames())
        names.push_back(n);
    return names;
}

std::vector<Knob> buildTable()
{
    using G = KnobGroup;
    std::vector<Knob> t;
    auto add = [&](Knob k) -> Knob& { return t.emplace_back(std::move(k)); };

    // Data
    add(with(textField(&AdaRoundConfig::modelPath), "model", {"model"}, "Model", G::Data,
             "TorchScript model file (.pt), traced or scripted")).inPanel = false;
    add(with(textField(&AdaRoundConfig::calibDir), "calib", {"calib"}, "Calibration folder", G::Data,
             "image folder to calibrate on, one subfolder per class")).inPanel = false;
    add(with(textField(&AdaRoundConfig::evalDir), "eval", {"eval"}, "Evaluation folder", G::Data,
             "image folder to measure top-1 / top-5 on, one subfolder per class")).inPanel = false;
    {
        Knob k = with(textField(&AdaRoundConfig::preprocessName), "preprocess", {"preprocess"}, "Preprocessing",
                      G::Data, "input preset; auto picks by the model's input channels");
        k.type = KnobType::Choice;
        k.choices = preprocessChoices();
        add(std::move(k)).inPanel = false;
    }
    add(ranged(with(intField(&AdaRoundConfig::calibSize), "calib_size", {"calib-size"}, "Calibration images", G::Data,
                    "calibration images sampled from the calibration folder (paper: 1024); at least the batch size"),
               1, 10000000, "images"));
    add(ranged(with(intField(&AdaRoundConfig::evalSubset), "eval_subset", {"eval-subset"}, "Eval subset", G::Data,
                    "evaluation images for the accuracy curve after each layer; the final accuracy uses the "
                    "whole folder"),
               0, 10000000, "images", "no curve"));

    // Quantization
    {
        Knob k = with(Knob{}, "bits", {"bits"}, "Default bits", G::Quantization,
                      "weight bits for every layer unless overridden per layer");
        k.type = KnobType::Int;
        k.get = [](const AdaRoundConfig& c) { return KnobValue(int64_t(c.bits.defaultBits)); };
        k.set = [](AdaRoundConfig& c, const KnobValue& v) { c.bits.defaultBits = int(std::get<int64_t>(v)); };
        k.perLayer = true; // in the BitPlan: bits.overrides
        add(ranged(std::move(k), 2, 8, "bits"));
    }
    {
        Knob k = with(Knob{}, "first_last_bits", {"first-last-bits"}, "First/last layer bits", G::Quantization,
                      "bits for the first and the last layer, the most sensitive ones");
        k.type = KnobType::Int;
        k.get = [](const AdaRoundConfig& c) { return KnobValue(int64_t(c.bits.firstLastBits)); };
        k.set = [](AdaRoundConfig& c, const KnobValue& v) { c.bits.firstLastBits = int(std::get<int64_t>(v)); };
        add(ranged(std::move(k), 2, 8, "bits", "same"));
    }
    {
        Knob k = with(boolKnob([](AdaRoundConfig& c) -> bool& { return c.quant.perChannel; }), "per_channel",
                      {"per-channel"}, "Per output channel", G::Quantization,
                      "one scale and zero-point per output channel, else one per weight tensor");
        k.cliFalseNames = {"per-tensor"};
        add(std::move(k));
    }
    add(with(boolKnob([](AdaRoundConfig& c) -> bool& { return c.quant.symmetric; }), "symmetric", {"symmetric"},
             "Symmetric", G::Quantization, "symmetric grids: zero-point fixed at the middle of the grid"));
    add(ranged(with(intField(&AdaRoundConfig::actBits), "act_bits", {"act-bits"}, "Activation bits", G::Quantization,
                    "also quantize every quantized layer's input with a per-tensor MSE-fitted grid"),
               2, 16, "bits", "off"));

    addOptimisationKnobs(t);

    // Runtime
    add(ranged(with(intField(&AdaRoundConfig::threads), "threads", {"threads"}, "Threads", G::Runtime,
                    "worker threads for LibTorch and OpenCV"),
               1, 256, "threads", "all cores"));
    add(with(boolKnob([](AdaRoundConfig& c) -> bool& { return c.fusedKernels; }), "fused_kernels", {"fused-kernels"},
             "Fused kernels", G::Runtime, "the engine's fused loops; off: plain LibTorch autograd (slower)"))
        .inPanel = false;
    add(with(boolKnob([](AdaRoundConfig& c) -> bool& { return c.im2colConvs; }), "im2col_convs", {"im2col-convs"},
             "im2col convolutions", G::Runtime, "convolutions by im2col + GEMM instead of convolution kernels"))
        .inPanel = false;
    {
        Knob k = with(Knob{}, "memory_budget_mib", {"memory-budget"}, "Memory budget", G::Runtime,
                      "memory for the values cached at the layer cuts, the curve subset and evaluation batches "
                      "(the plan printed at the start)");
        k.type = KnobType::Int;
        k.get = [](const AdaRoundConfig& c) { return KnobValue(int64_t(c.memoryBudget >> 20)); };
        k.set = [](AdaRoundConfig& c, const KnobValue& v) { c.memoryBudget = size_t(std::get<int64_t>(v)) << 20; };
        k.inPanel = false;
        add(ranged(std::move(k), 1, 1 << 20, "MiB"));
    }

    // Observation
    add(ranged(with(intField(&AdaRoundConfig::statsInterval), "stats_interval", {"stats-interval"},
                    "Statistics interval", G::Observation, "iterations between loss/β statistics events"),
               1, 1000000, "iterations"))
        .inPanel = false;
    add(ranged(with(intField(&AdaRoundConfig::histogramInterval), "histogram_interval", {"histogram-interval"},
                    "Histogram interval", G::Observation, "iterations between h(V) histogram snapshots"),
               1, 1000000, "iterations"))
        .inPanel = false;
    add(ranged(with(intField(&AdaRoundConfig::histogramBins), "histogram_bins", {"histogram-bins"},
                    "Histogram bins", G::Observation, "bins of the h(V) histograms on [0, 1]"),
               2, 1000, "bins"))
        .inPanel = false;
    add(ranged(with(intField(&AdaRoundConfig::trajectorySamples), "trajectory_samples", {"trajectory-samples"},
                    "Trajectory samples", G::Observation,
                    "weights per optimised layer, chosen by the seed, whose h(V) is sent (and logged) with every "
                    "histogram: the Who Flipped view's trajectories"),
               0, 4096, "weights", "off"))
        .inPanel = false;

    // How one layer is optimised may differ per layer (per-layer overrides,
    // layer_overrides.h); a per-layer seed seeds that layer's minibatch order only.
    for (Knob& k : t)
        k.perLayer = k.perLayer || k.group == G::Optimisation;
    return t;
}

std::string fail(const Knob& k, const std::string& text, const char* what)
{
    throw Error(k.key + ": '" + text + "' is not " + what);
}

template <class T>
bool wholeNumber(const std::string& text, T* out)
{
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, *out);
    return ec == std::errc() && ptr == end;
}

} // namespace

const std::vector<Knob>& knobTable()
{
    static const std::vector<Knob> table = buildTable();
    return table;
}

const Knob* findKnob(const std::string& name)
{
    for (const Knob& k : knobTable()) {
        if (k.key == name)
            return &k;
        if (std::find(k.cliNames.begin(), k.cliNames.end(), name) != k.cliNames.end())
            return &k;
    }
    return nullptr;
}

KnobValue parseKnobValue(const Knob& k, const std::string& text)
{
    KnobValue v;
    switch (k.type) {
    case KnobType::Bool:
        if (text == "true" || text == "1" || text == "yes" || text == "on")
            v = true;
        else if (text == "false" || text == "0" || text == "no" || text == "off")
            v = false;
        else
            fail(k, text, "true or false");
        break;
    case KnobType::Int: {
        int64_t i = 0;
        if (!k.zeroMeans.empty() && text == k.zeroMeans)
            i = 0;
        else if (!wholeNumber(text, &i))
            fail(k, text, "a whole number");
        v = i;
        break;
    }
    case KnobType::UInt64: {
        uint64_t u = 0;
        if (!wholeNumber(text, &u))
            fail(k, text, "a whole number from 0 to 18446744073709551615");
        v = u;
        break;
    }
    case KnobType::Real: {
        // from_chars for double: locale-independent, exact (GCC 11+). No leading '+'.
        double d = 0;
        if (!wholeNumber(text, &d) || !std::isfinite(d))
            fail(k, text, "a number");
        v = d;
        break;
    }
    case KnobType::Choice:
    case KnobType::Text:
        v = text;
        break;
    }
    checkKnobValue(k, v);
    return v;
}

std::string formatKnobValue(const KnobValue& value)
{
    return std::visit(
        [](const auto& x) -> std::string {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, bool>) {
                return x ? "true" : "false";
            } else if constexpr (std::is_same_v<T, std::string>) {
                return x;
            } else {
                char buf[64];
                const auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, x); // shortest round-trip for double
                return std::string(buf, ec == std::errc() ? ptr : buf);
            }
        },
        value);
}

std::string describeRange(const Knob& k)
{
    auto num = [](double d) { return formatKnobValue(KnobValue(d)); };
    switch (k.type) {
    case KnobType::Bool:
        return "true or false";
    case KnobType::UInt64:
        return "0 to 18446744073709551615";
    case KnobType::Int: {
        const std::string range = "between " + formatKnobValue(KnobValue(int64_t(k.min))) + " and " +
                                  formatKnobValue(KnobValue(int64_t(k.max)));
        if (k.zeroMeans.empty())
            return range;
        return k.min <= 0 ? range + " (0: " + k.zeroMeans + ")" : "0 (" + k.zeroMeans + ") or " + range;
    }
    case KnobType::Real:
        return "between " + num(k.min) + " and " + num(k.max);
    case KnobType::Choice: {
        std::string s;
        for (size_t i = 0; i < k.choices.size(); ++i)
            s += (i == 0 ? "" : i + 1 == k.choices.size() ? " or " : ", ") + k.choices[i];
        return s;
    }
    case KnobType::Text:
        return "text";
    }
    return "";
}

void checkKnobValue(const Knob& k, const KnobValue& v)
{
    static const char* const typeNames[] = {"true or false", "a whole number", "a whole number", "a number",
                                            "one of the choices", "text"};
    const size_t want = k.type == KnobType::Bool     ? 0
                        : k.type == KnobType::Int    ? 1
                        : k.type == KnobType::UInt64 ? 2
                        : k.type == KnobType::Real   ? 3
                                                     : 4;
    if (v.index() != want)
        throw Error(k.key + " must be " + typeNames[size_t(k.type)]);
    auto outOfRange = [&](const std::string& got) {
        throw Error(k.key + " must be " + describeRange(k) + ", got " + got);
    };
    switch (k.type) {
    case KnobType::Int: {
        const int64_t i = std::get<int64_t>(v);
        if (!(i == 0 && !k.zeroMeans.empty()) && (double(i) < k.min || double(i) > k.max))
            outOfRange(formatKnobValue(v));
        break;
    }
    case KnobType::Real: {
        const double d = std::get<double>(v);
        if (!std::isfinite(d) || d < k.min || d > k.max)
            outOfRange(formatKnobValue(v));
        break;
    }
    case KnobType::Choice: {
        const auto& s = std::get<std::string>(v);
        if (std::find(k.choices.begin(), k.choices.end(), s) == k.choices.end())
            outOfRange("'" + s + "'");
        break;
    }
    default:
        break;
    }
}

} // namespace adaround
