#pragma once
// The layer lab: AdaRound on one layer of a model, again and again with other
// knobs, without recapturing its inputs. Opening a lab reads the data as a run
// reads it and captures, once, the layer's input x in the FP32 model, its
// input x^ in a context model, and (with an evaluation folder) the evaluation
// images advanced to the layer in that context model. Each attempt then costs
// the layer's optimisation (the engine's own, optimiseLayer) and, with
// evaluation images, one pass of the rest of the network.
//
// The context model is a whole model whose prefix gives x^ and whose layers
// after the lab layer score an attempt's top-1:
//   fp32 - every other layer in FP32 (x^ = x; the layer alone quantized),
//   rtn  - every quantized layer of the bit plan rounded to nearest,
//   run  - a stored run's roundings (its logged codes), so an attempt with the
//          run's settings and seed reproduces that run's layer.
// Activation quantizers (act_bits) are calibrated as a run calibrates them.
#include "adaround/accuracy_figures.h"
#include "adaround/adaround_config.h"
#include "adaround/layer_info.h"
#include "adaround/run_control.h"
#include "adaround/run_events.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace adaround {

enum class LabContext { Fp32, Rtn, Run };
const std::vector<std::string>& labContextNames(); // "fp32", "rtn", "run"
std::string toString(LabContext context);

struct LabRequest {
    // As a run's: model, folders, classes, preprocessing, bit plan, grid,
    // calibration size and seed (the same sample as a run), act_bits, threads,
    // memory budget. eval_subset K > 0: top-1 on the K images of a run's
    // curve; 0 with an evaluation folder: the whole folder; no folder: no top-1.
    AdaRoundConfig config;
    std::string layer;                      // a layer name as `adaround-cli inspect` lists it
    LabContext context = LabContext::Rtn;
    std::vector<QuantizedLayer> runWeights; // for Run: the stored run's rounded layers (its log's weights)
};

// What the lab captured, and the references its attempts are set against.
struct LabSetup {
    RunStarted started;      // the context model's run start (config, layers, bits), for a log of an attempt
    int layerIndex = 0;
    LayerInfo layer;
    int bits = 0;            // the layer's bits in the plan (an attempt may choose others)
    int64_t calibImages = 0;
    int64_t evalImages = 0;  // 0: no top-1
    double recMseRtn = 0;    // round-to-nearest at the plan's bits, on x^ (as a run measures it)
    // On the evaluation images (count 0 without them):
    Accuracy fp32;           // the FP32 model
    Accuracy context;        // the context model with this layer in FP32
    Accuracy rtn;            // the context model with this layer rounded to nearest
    double captureSeconds = 0;
};

// One attempt: the events of the layer's optimisation and its outcome.
struct LabAttempt {
    AdaRoundConfig knobs;                     // as given
    std::vector<IterationStats> stats;        // the loss terms over iterations
    std::vector<HistogramSnapshot> histograms; // h(V) histograms and settled share over iterations
    QuantizedLayer weights;                   // the rounding chosen (RTN's where it was kept)
    LayerFinished summary;                    // rec MSE soft/hard/RTN, flipped, settled, time
    Accuracy accuracy;                        // the context model with this rounding (count 0 without evaluation images)
    double seconds = 0;                       // the attempt, evaluation included
    bool cancelled = false;
    std::string error;                        // non-empty: the attempt failed (nothing else is set)
};

class LayerLab {
public:
    // Reads, checks and captures. Never throws: returns null with *ERROR set
    // to a message naming what to fix (an unknown layer lists the model's
    // layers), or "" for a cancel via CONTROL. PROGRESS gets the phases.
    static std::unique_ptr<LayerLab> open(const LabRequest& request, RunObserver& progress,
                                          const RunControl& control, std::string* error);
    ~LayerLab();

    const LabSetup& setup() const;

    // AdaRound on the lab's layer with KNOBS' optimisation knobs, and the
    // layer's overrides in KNOBS (layerConfig), at the bits KNOBS' plan gives
    // it. The layer's events (IterationStats, HistogramSnapshot, WeightSample)
    // go to OBSERVER as they happen. Never throws; cancelled via CONTROL.
    LabAttempt attempt(const AdaRoundConfig& knobs, RunObserver& observer, const RunControl& control);

private:
    struct Impl;
    explicit LayerLab(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace adaround
