#include "cut_states_p.h"

#include "adaround/error.h"

namespace adaround {

CutStates::CutStates(SegmentedForward& forward, const torch::Tensor& images, const ProgressFn& progress,
                     const std::string& stage, int64_t chunk)
    : forward_(forward), images_(images.size(0))
{
    for (int64_t start = 0; start < images_; start += chunk) {
        const int64_t count = std::min<int64_t>(chunk, images_ - start);
        // A copy of the chunk: a segment may write to its input in place.
        chunks_.push_back(forward_.start(images.narrow(0, start, count).clone()));
        if (progress)
            progress({stage, start + count, images_});
    }
}

void CutStates::advance(const ProgressFn& progress, const std::string& stage)
{
    const size_t next = cut_ + 1;
    if (next >= forward_.segments())
        throw Error("advancing past the model's output");
    int64_t done = 0;
    for (auto& c : chunks_) {
        const int64_t count = forward_.layerInput(cut_, c).size(0);
        c = forward_.advance(next, std::move(c));
        done += count;
        if (progress)
            progress({stage, done, images_});
    }
    cut_ = next;
}

torch::Tensor CutStates::layerInput() const
{
    std::vector<torch::Tensor> parts;
    parts.reserve(chunks_.size());
    for (const auto& c : chunks_)
        parts.push_back(forward_.layerInput(cut_, c));
    return torch::cat(parts, 0);
}

torch::Tensor CutStates::takeLayerInput()
{
    torch::Tensor all = layerInput();
    const size_t index = forward_.layerInputIndex(cut_);
    int64_t offset = 0;
    for (auto& c : chunks_) {
        const torch::Tensor mine = c[index].toTensor();
        const int64_t n = mine.size(0);
        bool shared = false;
        for (size_t i = 0; i < c.size(); ++i)
            shared = shared || (i != index && c[i].isTensor() && c[i].toTensor().defined() &&
                                c[i].toTensor().storage().is_alias_of(mine.storage()));
        if (!shared)
            c[index] = all.narrow(0, offset, n);
        offset += n;
    }
    return all;
}

torch::Tensor CutStates::outputFromHere() const
{
    const bool copy = forward_.writesInputs(cut_ + 1, true);
    std::vector<torch::Tensor> parts;
    for (const auto& c : chunks_) {
        SegmentedForward::State s = copy ? cloneState(c) : c;
        for (size_t seg = cut_ + 1; seg < forward_.segments(); ++seg)
            s = forward_.advance(seg, std::move(s));
        if (s.size() != 1 || !s[0].isTensor())
            throw Error("the model returns " + (s.empty() ? std::string("nothing") : s[0].tagKind()) +
                        ", expected a tensor of logits");
        parts.push_back(s[0].toTensor());
    }
    return torch::cat(parts, 0);
}

} // namespace adaround
