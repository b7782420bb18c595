#include "study_log_layout_p.h"

#include <string>

namespace adaround {
namespace {

std::string joined(const std::vector<int64_t>& shape)
{
    std::string s;
    for (int64_t d : shape)
        s += (s.empty() ? "" : "x") + std::to_string(d);
    return s;
}

std::vector<int64_t> split(const std::string& text)
{
    std::vector<int64_t> shape;
    size_t start = 0;
    while (start < text.size()) {
        const size_t x = text.find('x', start);
        shape.push_back(std::stoll(text.substr(start, x - start)));
        start = x == std::string::npos ? text.size() : x + 1;
    }
    return shape;
}

std::string attr(const char* prefix, const char* name)
{
    return std::string(prefix) + "_" + name;
}

} // namespace

void writeStudyStart(hid_t g, const StudyStarted& e)
{
    h5::setString(g, "layer", e.settings.layer);
    h5::setInt(g, "layer_index", e.layerIndex);
    h5::setString(g, "layer_kind", toString(e.layer.kind));
    h5::setString(g, "weight_shape", joined(e.layer.weightShape));
    h5::setString(g, "activation", toString(e.layer.activation));
    h5::setInt(g, "bits", e.settings.bits);
    h5::setInt(g, "samples", e.settings.samples);
    h5::setUInt64(g, "seed", e.settings.seed);
    h5::setFlag(g, "with_adaround", e.settings.withAdaRound);
}

void readStudyStart(hid_t g, StudyStarted& e)
{
    e.settings.layer = h5::getString(g, "layer");
    e.layerIndex = int(h5::getInt(g, "layer_index"));
    e.layer.name = e.settings.layer;
    e.layer.kind = h5::getString(g, "layer_kind") == "Linear" ? LayerKind::Linear : LayerKind::Conv2d;
    e.layer.weightShape = split(h5::getString(g, "weight_shape"));
    const std::string act = h5::getString(g, "activation");
    e.layer.activation = act == "ReLU" ? Activation::ReLU : act == "ReLU6" ? Activation::ReLU6 : Activation::None;
    e.settings.bits = int(h5::getInt(g, "bits"));
    e.settings.samples = int(h5::getInt(g, "samples"));
    e.settings.seed = h5::getUInt64(g, "seed");
    e.settings.withAdaRound = h5::getFlag(g, "with_adaround");
}

void writeStudyPoint(hid_t g, const char* prefix, const StudyPoint& p)
{
    h5::setDouble(g, attr(prefix, "top1").c_str(), p.top1);
    h5::setDouble(g, attr(prefix, "rec_mse").c_str(), p.recMse);
    h5::setDouble(g, attr(prefix, "flipped_share").c_str(), p.flippedShare);
}

bool hasStudyPoint(hid_t g, const char* prefix)
{
    return h5::hasAttr(g, attr(prefix, "top1").c_str());
}

StudyPoint readStudyPoint(hid_t g, const char* prefix)
{
    StudyPoint p;
    p.top1 = h5::getDouble(g, attr(prefix, "top1").c_str());
    p.recMse = h5::getDouble(g, attr(prefix, "rec_mse").c_str());
    p.flippedShare = h5::getDouble(g, attr(prefix, "flipped_share").c_str());
    return p;
}

void writeStudyStatistics(hid_t g, const StudyStatistics& s)
{
    h5::setDouble(g, "better_than_rtn", s.betterThanRtn);
    h5::setDouble(g, "equal_to_rtn", s.equalToRtn);
    h5::setDouble(g, "best_top1", s.bestTop1);
    h5::setDouble(g, "worst_top1", s.worstTop1);
    h5::setDouble(g, "mean_top1", s.meanTop1);
    h5::setDouble(g, "best_rec_mse", s.bestRecMse);
    h5::setDouble(g, "mean_rec_mse", s.meanRecMse);
    h5::setDouble(g, "correlation", s.correlation); // NaN when undefined
}

} // namespace adaround
