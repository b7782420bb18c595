#pragma once
// The Who Flipped teaching view (issue 13, item 3): for an optimised layer of
// the shown run, which weights AdaRound rounded the other way from nearest.
// The scatter (FlipsScatter) puts every weight at its fractional position;
// beside it the sampled weights' h(V) trajectories, the share flipped by
// distance from 0.5 and, for conv layers, one output channel's kernel grid.
// A filter picks one output channel; hovering a weight names it (channel,
// index, value) and draws its trajectory when it is in the sample. It reads a
// FlipsStore, so it can be created after the run it shows.
#include "flips_scatter.h"

#include <QWidget>

class FlipShareBars;
class FlipTrajectoryPlot;
class FlipsStore;
class KernelGridPlot;
class QComboBox;
class QLabel;
class QSpinBox;
class QToolButton;

class FlipsView : public QWidget {
    Q_OBJECT
public:
    explicit FlipsView(FlipsStore* store, QWidget* parent = nullptr);

    // The layer to show (the layer focus's pick); -1: the first with a rounding.
    void showLayer(int layer);
    int shownLayer() const { return layer_; }
    void setChannel(int64_t channel); // -1: all channels
    void setMode(FlipsScatter::YMode mode);
    // What a hover over weight INDEX shows (-1: nothing hovered).
    void hoverWeight(int64_t index);

    QString statusText() const;
    QString weightText() const;
    FlipsScatter* scatter() const { return scatter_; }
    FlipTrajectoryPlot* trajectories() const { return trajectories_; }
    FlipShareBars* shares() const { return shares_; }
    KernelGridPlot* kernel() const { return kernel_; }
    QComboBox* layerCombo() const { return layers_; }
    QSpinBox* channelBox() const { return channel_; }

    // "What am I looking at?": the explanation shown in the view and in Help (HTML).
    static QString explanation();

private:
    void storeChanged(int layer);
    void fillLayerCombo();
    void redraw();
    QString describeWeight(int64_t index) const;

    FlipsStore* store_;
    QComboBox* layers_;
    QComboBox* mode_;
    QSpinBox* channel_;
    QToolButton* explain_;
    QLabel* explanation_;
    QLabel* status_;
    QLabel* weight_;
    FlipsScatter* scatter_;
    FlipTrajectoryPlot* trajectories_;
    FlipShareBars* shares_;
    KernelGridPlot* kernel_;
    int layer_ = -1;
};
