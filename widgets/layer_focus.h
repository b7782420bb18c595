#pragma once
// Which layer the h(V) views show, and which of its snapshots: keeps every
// layer's histogram snapshots of the run (live or stored), shows the picked
// layer in the histogram and its history and shades it in the loss plot, and
// is the row under the histogram: a slider through the layer's snapshots, the
// iteration shown, and "Follow live" once the user picked another layer of a
// running run (until then the views follow the running layer).
#include "adaround/run_events.h"

#include <QWidget>

#include <map>
#include <vector>

class HistogramHistoryPlot;
class HistogramPlot;
class LossPlot;
class QLabel;
class QSlider;
class QToolButton;

class LayerFocus : public QWidget {
    Q_OBJECT
public:
    LayerFocus(LossPlot* loss, HistogramPlot* histogram, HistogramHistoryPlot* history, QWidget* parent = nullptr);

    // The run's events that matter here (the dashboard forwards them).
    void clear();
    void runStarted(bool live);
    void layerStarted(const adaround::LayerStarted& e);
    void addSnapshot(const adaround::HistogramSnapshot& s);
    void runEnded();

    void select(int layer); // the user's pick: the views stop following the run
    void followLive();      // back to the running layer
    int selected() const { return selected_; }
    bool following() const { return follow_; }
    int snapshotCount(int layer) const;
    QSlider* slider() const { return slider_; }
    QToolButton* followButton() const { return followButton_; }

signals:
    void layerShown(int layer); // another layer is shown (the table selects its row)
    void redrawNeeded();        // the loss and h(V) views changed

private:
    void show(int layer);
    void showSnapshot(int index);
    void updateRow();
    const adaround::LayerStarted* started(int layer) const;

    LossPlot* loss_;
    HistogramPlot* histogram_;
    HistogramHistoryPlot* history_;
    QSlider* slider_;
    QLabel* label_;
    QToolButton* followButton_;
    std::vector<adaround::LayerStarted> layers_;
    std::map<int, std::vector<adaround::HistogramSnapshot>> snapshots_;
    int selected_ = -1;
    int running_ = -1; // the last optimised layer started
    bool follow_ = true;
    bool live_ = false;
};
