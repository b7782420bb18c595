#include "shared_options.h"

#include "adaround/class_list.h"
#include "adaround/error.h"
#include "adaround/layer_overrides.h"
#include "option_helpers.h"

#include "adaround/runtime.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <sstream>

namespace cli {
namespace {

const char* const kPreprocessGroup = "Preprocessing (on top of --preprocess)";

int wholeIn(const CLI::Option* o, int min, int max)
{
    const std::string v = lastValue(o);
    int n = 0;
    if (!parseWhole(v, &n))
        throw UsageError(o->get_name() + ": '" + v + "' is not a whole number");
    if (n < min || n > max)
        throw UsageError(o->get_name() + " must be between " + std::to_string(min) + " and " + std::to_string(max) +
                         ", got " + v);
    return n;
}

// "0.5" or "0.485,0.456,0.406".
std::vector<float> realList(const CLI::Option* o)
{
    const std::string v = lastValue(o);
    std::vector<float> out;
    std::stringstream ss(v);
    std::string item;
    while (std::getline(ss, item, ',')) {
        double d = 0;
        if (!parseReal(item, &d))
            throw UsageError(o->get_name() + " needs comma-separated numbers, got '" + v + "'");
        out.push_back(float(d));
    }
    if (out.empty())
        throw UsageError(o->get_name() + " needs comma-separated numbers, got '" + v + "'");
    return out;
}

} // namespace

SharedOptions::SharedOptions(CLI::App& cmd, bool layerBits)
{
    if (layerBits)
        bitsLayer_ = addListOption(cmd, "--bits-layer", "NAME=B",
                                   "bits of one layer: 2-8, or fp32 to keep it in float; repeatable")
                         ->group("Quantization");
    if (layerBits)
        layerSet_ = addListOption(cmd, "--layer-set", "NAME.KEY=VALUE",
                                  "one knob for one layer: KEY is a per-layer knob's key or option name (" +
                                      adaround::perLayerKnobKeys() + "); repeatable")
                        ->group("Optimisation");
    classes_ = addValueOption(cmd, "--classes", "FILE",
                              "the model's class names in output order, one per line (UTF-8); image subfolders "
                              "are labelled by name, so a folder may hold a subset of the classes [default: the "
                              "calibration folder's subfolders (run); the eval folder's, if it holds them all]")
                   ->group("Data");
    channels_ = addValueOption(cmd, "--channels", "1|3", "input channels the images are converted to")
                    ->group(kPreprocessGroup);
    resize_ = addValueOption(cmd, "--resize", "N", "resize the shorter side to N pixels")->group(kPreprocessGroup);
    crop_ = addValueOption(cmd, "--crop", "N", "centre crop of N x N pixels")->group(kPreprocessGroup);
    mean_ = addValueOption(cmd, "--mean", "A[,B,C]", "per-channel mean subtracted after scaling to [0, 1]")
                ->group(kPreprocessGroup);
    std_ = addValueOption(cmd, "--std", "A[,B,C]", "per-channel standard deviation divided by")
               ->group(kPreprocessGroup);
}

void SharedOptions::applyTo(adaround::AdaRoundConfig& c) const
{
    if (bitsLayer_)
        for (const auto& spec : bitsLayer_->results())
            c.bits.overrides.push_back(parseLayerBits(spec));
    if (layerSet_)
        for (const auto& spec : layerSet_->results())
            applyLayerSet(spec, c);
    if (classes_->count()) {
        const std::string file = lastValue(classes_);
        if (file.empty())
            throw UsageError("--classes needs a file name");
        c.classNames = adaround::readClassListFile(file);
        c.classesOrigin = "the class list " + file;
    }
    auto& p = c.preprocessOverrides;
    if (channels_->count()) {
        p.channels = wholeIn(channels_, 1, 3);
        if (p.channels == 2)
            throw UsageError("--channels must be 1 or 3, got 2");
    }
    if (resize_->count())
        p.resize = wholeIn(resize_, 1, 4096);
    if (crop_->count())
        p.crop = wholeIn(crop_, 1, 4096);
    if (mean_->count())
        p.mean = realList(mean_);
    if (std_->count())
        p.std = realList(std_);
}

std::pair<std::string, int> parseLayerBits(const std::string& spec)
{
    const size_t eq = spec.rfind('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
        throw UsageError("--bits-layer needs NAME=BITS (BITS 2-8 or fp32), got '" + spec + "'");
    const std::string name = spec.substr(0, eq), b = spec.substr(eq + 1);
    if (b == "fp32" || b == "float" || b == "off")
        return {name, 0};
    int bits = 0;
    if (!parseWhole(b, &bits))
        throw UsageError("--bits-layer " + spec + ": BITS must be a number from 2 to 8, or fp32");
    if (bits < 2 || bits > 8)
        throw UsageError("--bits-layer " + spec + ": bits must be between 2 and 8");
    return {name, bits};
}

void applyLayerSet(const std::string& spec, adaround::AdaRoundConfig& c)
{
    // Layer names hold dots ("features.1.conv"), knob keys do not: the key is after the last dot.
    const size_t eq = spec.find('=');
    const size_t dot = eq == std::string::npos ? std::string::npos : spec.rfind('.', eq);
    if (eq == std::string::npos || dot == std::string::npos || dot == 0 || dot + 1 == eq || eq + 1 == spec.size())
        throw UsageError("--layer-set needs NAME.KEY=VALUE (e.g. conv1.lambda=0.1), got '" + spec + "'");
    try {
        adaround::setLayerOverride(c, spec.substr(0, dot), spec.substr(dot + 1, eq - dot - 1), spec.substr(eq + 1));
    } catch (const adaround::Error& e) {
        throw UsageError("--layer-set " + spec + ": " + e.what());
    }
}

void noteThreadLimit(int threads)
{
    const int hardware = adaround::hardwareThreads();
    if (threads > hardware)
        std::cerr << "note: " << threads << " threads asked for, this machine has " << hardware << "; using "
                  << hardware << "\n";
}

} // namespace cli
