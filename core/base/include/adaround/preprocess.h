#pragma once
// How image files become model inputs: channels, resize, centre crop, normalisation.
#include <string>
#include <vector>

namespace adaround {

struct Preprocess {
    std::string name = "custom";
    int channels = 3;       // 1 = grayscale, 3 = RGB
    int resize = 0;         // shorter side to this many pixels (0 = keep)
    int crop = 0;           // centre crop to crop x crop (0 = none)
    int expectedSize = 0;   // with no resize/crop: images must be this square size (0 = any, but uniform)
    std::vector<float> mean{0.f};
    std::vector<float> std{1.f};

    // "fmnist": 28x28 grayscale, (p/255 - 0.2860)/0.3530.
    // "imagenet": RGB, resize 256, centre crop 224, ImageNet mean/std.
    static Preprocess preset(const std::string& name); // throws Error for unknown names
    static std::vector<std::string> presetNames();

    int outputSize() const; // final square side, 0 if it depends on the images
    void validate() const;  // throws Error on inconsistent settings
    std::string describe() const;
};

// Explicit settings (--channels, --resize, --crop, --mean, --std) applied on top
// of a preset; unset fields (-1, empty) keep the preset's value.
struct PreprocessOverrides {
    int channels = -1;
    int resize = -1;
    int crop = -1;
    std::vector<float> mean;
    std::vector<float> std;

    bool any() const { return channels >= 0 || resize >= 0 || crop >= 0 || !mean.empty() || !std.empty(); }
    Preprocess applyTo(Preprocess base) const; // validated; name becomes "<base>+custom"
};

} // namespace adaround
