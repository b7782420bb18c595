#pragma once
// The stochastic-rounding study (Nagel et al. 2020, section 2: roundings drawn
// at random, each weight up with probability equal to its fractional part,
// against round-to-nearest) as a stream of events, like a run's: the engine
// sends them (stochastic_study.h), the CLI, the GUI and the study log listen,
// and a StudyRecord holds a whole study as data. Torch-free.
#include "adaround/adaround_config.h"
#include "adaround/layer_info.h"
#include "adaround/run_events.h"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace adaround {

// One rounding of the studied layer, the rest of the model in FP32.
struct StudyPoint {
    double top1 = 0;         // percent, on the study's evaluation images
    double recMse = 0;       // per-element MSE of the layer's output vs FP32 on the calibration images
    double flippedShare = 0; // share of the layer's weights rounded the other way than nearest
};

// What was asked: the layer, its bits, how many roundings, from which seed.
struct StudySettings {
    std::string layer;
    int bits = 4;
    int samples = 100;
    uint64_t seed = 0;       // sample i draws with seed + i
    bool withAdaRound = false;
};

struct StudyStarted {
    AdaRoundConfig config;   // data, preprocessing, grid, eval subset, AdaRound knobs
    StudySettings settings;
    int layerIndex = 0;
    LayerInfo layer;
    int64_t calibImages = 0; // the rec MSE's images
    int64_t evalImages = 0;  // the top-1's images (the subset, or the whole folder)
    std::string preprocess;
};

// The references, measured before the first sample: FP32 and round-to-nearest.
struct StudyBaseline {
    double fp32Top1 = 0;
    StudyPoint rtn;          // flippedShare 0 by definition
};

struct StudySample {
    int index = 0;
    uint64_t seed = 0;
    StudyPoint point;
};

// AdaRound on the studied layer alone (the run's per-layer optimisation).
struct StudyAdaRound {
    StudyPoint point;        // the hard rounding the optimiser chose
    bool keptRtn = false;    // its rounding was worse than nearest on the calibration data: nearest kept
    double seconds = 0;
};

// Figures of the samples against round-to-nearest (studyStatistics).
struct StudyStatistics {
    int samples = 0;
    double betterThanRtn = 0;  // share of samples whose top-1 is above RTN's (strictly)
    double equalToRtn = 0;     // share with exactly RTN's top-1
    double bestTop1 = 0, worstTop1 = 0, meanTop1 = 0;
    double bestRecMse = 0, meanRecMse = 0;
    double rtnTop1 = 0;
    // Pearson correlation of top-1 against rec MSE over the samples; NaN with
    // fewer than two samples or when either does not vary.
    double correlation = 0;
};

struct StudyFinished {
    StudyStatistics statistics;
    double seconds = 0;
};

struct StudyCancelled {
    int samplesDone = 0;
};

struct StudyFailed {
    std::string error;
};

using StudyEvent = std::variant<StudyStarted, StudyBaseline, StudySample, StudyAdaRound, StudyFinished,
                                StudyCancelled, StudyFailed, PhaseProgress>;

class StudyObserver {
public:
    virtual ~StudyObserver() = default;
    virtual void onEvent(const StudyEvent& event) = 0;
};

StudyStatistics studyStatistics(const StudyPoint& rtn, const std::vector<StudySample>& samples);
double pearsonCorrelation(const std::vector<double>& x, const std::vector<double>& y);

// A whole study as data, filled live by a StudyRecorder or from a study log.
struct StudyRecord {
    bool hasStarted = false;
    StudyStarted started;
    std::optional<StudyBaseline> baseline;
    std::vector<StudySample> samples;
    std::optional<StudyAdaRound> adaround;
    std::optional<StudyFinished> finished;
    std::optional<RunEnd> end;               // unset: still going, or killed
    std::string error;                       // for RunEnd::Failed
};

class StudyRecorder : public StudyObserver {
public:
    const StudyRecord& record() const { return record_; }
    StudyRecord take() { return std::move(record_); }
    void onEvent(const StudyEvent& event) override;

private:
    StudyRecord record_;
};

// Sends EVENT to several observers in order (the study log first).
class StudyObserverList : public StudyObserver {
public:
    StudyObserverList& add(StudyObserver& observer)
    {
        observers_.push_back(&observer);
        return *this;
    }
    void onEvent(const StudyEvent& event) override
    {
        for (StudyObserver* o : observers_)
            o->onEvent(event);
    }

private:
    std::vector<StudyObserver*> observers_;
};

} // namespace adaround
