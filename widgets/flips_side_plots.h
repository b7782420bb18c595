#pragma once
// The small plots beside the Who Flipped scatter (FlipsView):
// - FlipTrajectoryPlot: h(V) over the layer's iterations of the sampled
//   weights (the log keeps a seeded sample), the hovered one drawn bold;
// - FlipShareBars: the share of weights flipped per bin of |fraction - 0.5|
//   (flips happen near the middle, where nearest is least sure);
// - KernelGridPlot: for a conv layer, one output channel's taps x input
//   channels, coloured by the rounding's difference from nearest (-1, 0, +1).
#include "adaround/flip_stats.h"

#include <qcustomplot.h>

#include <map>
#include <vector>

class FlipTrajectoryPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit FlipTrajectoryPlot(QWidget* parent = nullptr);
    // The samples of layer W (iteration order); empty: none stored.
    void setSamples(const adaround::QuantizedLayer& w, const std::vector<adaround::WeightSample>& samples);
    void clearSamples(const QString& why);
    // Draws weight INDEX bold when it is in the sample; true if it is.
    bool highlight(int64_t index);
    int sampleCount() const { return int(columns_.size()); }

private:
    QCPTextElement* title_;
    QCPGraph* bold_;
    std::map<int64_t, size_t> columns_; // weight index -> position in the samples
    std::vector<double> iterations_;
    std::vector<std::vector<float>> rows_; // per snapshot, the sample's h(V)
    int64_t weights_ = 0;
};

class FlipShareBars : public QCustomPlot {
    Q_OBJECT
public:
    explicit FlipShareBars(QWidget* parent = nullptr);
    void setStats(const adaround::FlipStats& s);
    QCPBars* bars() const { return bars_; }

private:
    QCPBars* bars_;
};

class KernelGridPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit KernelGridPlot(QWidget* parent = nullptr);
    // Output channel CHANNEL of conv layer W; false (and a note) for a Linear layer.
    bool setKernel(const adaround::QuantizedLayer& w, int64_t channel);
    void clearKernel(const QString& why);
    QCPColorMap* map() const { return map_; }

private:
    QCPTextElement* title_;
    QCPColorMap* map_;
};
