#include "adaround/preprocess.h"

#include "adaround/error.h"

#include <sstream>

namespace adaround {

Preprocess Preprocess::preset(const std::string& name)
{
    Preprocess p;
    p.name = name;
    if (name == "fmnist") {
        p.channels = 1;
        p.expectedSize = 28;
        p.mean = {0.2860f};
        p.std = {0.3530f};
    } else if (name == "imagenet") {
        p.channels = 3;
        p.resize = 256;
        p.crop = 224;
        p.mean = {0.485f, 0.456f, 0.406f};
        p.std = {0.229f, 0.224f, 0.225f};
    } else {
        throw Error("unknown preprocessing preset '" + name + "' (known: fmnist, imagenet)");
    }
    return p;
}

std::vector<std::string> Preprocess::presetNames()
{
    return {"fmnist", "imagenet"};
}

int Preprocess::outputSize() const
{
    if (crop > 0)
        return crop;
    if (resize > 0)
        return 0; // the longer side depends on each image's aspect ratio
    return expectedSize;
}

void Preprocess::validate() const
{
    if (channels != 1 && channels != 3)
        throw Error("channels must be 1 or 3, not " + std::to_string(channels));
    if (resize < 0 || crop < 0 || expectedSize < 0)
        throw Error("resize and crop must be positive pixel counts");
    if (resize > 0 && crop > resize)
        throw Error("crop " + std::to_string(crop) + " is larger than resize " + std::to_string(resize));
    for (const auto* v : {&mean, &std})
        if (v->size() != 1 && v->size() != size_t(channels))
            throw Error("mean and std need 1 or " + std::to_string(channels) + " values, got " +
                        std::to_string(v->size()));
    for (float s : std)
        if (!(s > 0))
            throw Error("std values must be positive");
}

Preprocess PreprocessOverrides::applyTo(Preprocess p) const
{
    if (!any())
        return p;
    p.name += "+custom";
    if (channels >= 0) {
        if (channels != p.channels && mean.empty() && p.mean.size() != 1)
            p.mean = {p.mean.front()};
        if (channels != p.channels && std.empty() && p.std.size() != 1)
            p.std = {p.std.front()};
        p.channels = channels;
    }
    if (resize >= 0)
        p.resize = resize;
    if (crop >= 0)
        p.crop = crop;
    if (resize >= 0 || crop >= 0)
        p.expectedSize = 0;
    if (!mean.empty())
        p.mean = mean;
    if (!std.empty())
        p.std = std;
    p.validate();
    return p;
}

std::string Preprocess::describe() const
{
    std::ostringstream out;
    out << name << " (" << (channels == 1 ? "grayscale" : "RGB");
    if (resize > 0)
        out << ", resize " << resize;
    if (crop > 0)
        out << ", centre crop " << crop;
    if (resize == 0 && crop == 0 && expectedSize > 0)
        out << ", " << expectedSize << "x" << expectedSize;
    auto list = [&](const std::vector<float>& v) {
        for (size_t i = 0; i < v.size(); ++i)
            out << (i ? "," : "") << v[i];
    };
    out << ", mean ";
    list(mean);
    out << ", std ";
    list(std);
    out << ")";
    return out.str();
}

} // namespace adaround
