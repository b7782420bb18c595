#pragma once
// What the Who Flipped view needs of the shown run (live or stored), kept
// from the run's events whether or not the view exists yet: the layer table,
// each layer's final rounding with its weights' fractional positions
// (QuantizedLayer), the h(V) samples of its trajectory weights and its
// results. The window feeds it like the dashboard; the view reads it.
#include "adaround/run_record.h"

#include <QObject>

#include <map>
#include <vector>

class FlipsStore : public QObject {
    Q_OBJECT
public:
    explicit FlipsStore(QObject* parent = nullptr);

    void clear();
    void showRecord(const adaround::RunRecord& r); // a stored run, all at once
    void onRunEvent(const adaround::RunEvent& e);  // one event of a live run

    bool hasRun() const { return started_; }
    const std::vector<adaround::LayerInfo>& layers() const { return layers_; }
    // Null until the layer ended (or when the run never reached it).
    const adaround::QuantizedLayer* weights(int layer) const;
    const adaround::LayerFinished* finished(int layer) const;
    // The layer's weight samples in iteration order; empty without them.
    const std::vector<adaround::WeightSample>& samples(int layer) const;
    int runningLayer() const { return running_; } // -1 when none
    // Layers with a final rounding, in layer order.
    std::vector<int> layersWithWeights() const;

signals:
    void changed(int layer); // -1: everything (a new run)

private:
    void take(const adaround::RunEvent& e);

    bool started_ = false;
    int running_ = -1;
    std::vector<adaround::LayerInfo> layers_;
    std::map<int, adaround::QuantizedLayer> weights_;
    std::map<int, adaround::LayerFinished> finished_;
    std::map<int, std::vector<adaround::WeightSample>> samples_;
};
