#pragma once
// The prepared forward graph cut right before chosen layers, so a set of
// images can be advanced through the network one segment at a time: segment 0
// runs from the graph's inputs to the cut before the first chosen layer,
// segment k from the cut before chosen layer k-1 to the cut before layer k,
// and the last one to the graph's output. Each segment takes the values live
// at its first cut (self, tensors, anything the rest of the graph reads) and
// returns those live at its end, so running the segments in order is the
// forward pass, and capturing every layer's input costs one pass whatever the
// depth (the old way re-ran the prefix for every layer: quadratic in depth).
#include "model_impl_p.h"

#include <torch/csrc/jit/api/function_impl.h>

#include <memory>
#include <string>
#include <vector>

namespace adaround {

class SegmentedForward {
public:
    using State = std::vector<c10::IValue>; // the live values at a cut, for one batch

    // CUT_LAYERS: layer indices in graph order, each a top-level node (not inside
    // control flow). Throws Error naming the layer otherwise.
    SegmentedForward(const ModelImpl& model, const std::vector<int>& cutLayers);
    ~SegmentedForward();

    size_t segments() const { return segments_.size(); } // cuts + 1
    const std::vector<int>& cutLayers() const { return cutLayers_; }

    // The state at cut 0 (before cutLayers()[0]) for a batch of model inputs.
    State start(const torch::Tensor& images);
    // Runs segment S (1 .. segments()-1) on the state at its first cut: the
    // state at the next cut, or for the last segment the model's output alone.
    State advance(size_t s, State state);
    // The input of the layer at cut C (its node's first input) in a state at that cut.
    torch::Tensor layerInput(size_t c, const State& state) const;
    size_t layerInputIndex(size_t c) const; // where layerInput finds it in the state
    // Whether segment S (or any after it, with ALL_AFTER) writes in place to a
    // value it is given: a state kept for later must then be copied first.
    bool writesInputs(size_t s, bool allAfter = false) const;

private:
    struct Segment;
    torch::jit::Module module_;
    std::vector<int> cutLayers_;
    std::vector<std::unique_ptr<Segment>> segments_;
};

// Bytes of the distinct tensor storages a state holds (views counted once).
size_t stateBytes(const SegmentedForward::State& state);

// A copy of the state's tensors (other values shared): keeps a state safe from
// a segment that writes in place.
SegmentedForward::State cloneState(const SegmentedForward::State& state);

} // namespace adaround
