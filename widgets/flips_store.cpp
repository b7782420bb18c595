#include "flips_store.h"

#include "adaround/overloaded.h"

FlipsStore::FlipsStore(QObject* parent) : QObject(parent) {}

void FlipsStore::clear()
{
    started_ = false;
    running_ = -1;
    layers_.clear();
    weights_.clear();
    finished_.clear();
    samples_.clear();
    emit changed(-1);
}

void FlipsStore::showRecord(const adaround::RunRecord& r)
{
    QSignalBlocker quiet(this); // one signal for the whole record
    clear();
    adaround::CallbackObserver feed([this](const adaround::RunEvent& e) { take(e); });
    adaround::replay(r, feed);
    running_ = -1; // a stored run is not running, even if it was killed inside a layer
    quiet.unblock();
    emit changed(-1);
}

void FlipsStore::onRunEvent(const adaround::RunEvent& e)
{
    if (std::holds_alternative<adaround::RunStarted>(e))
        clear();
    take(e);
}

void FlipsStore::take(const adaround::RunEvent& e)
{
    std::visit(adaround::overloaded{[this](const adaround::RunStarted& s) {
                                        started_ = true;
                                        layers_ = s.layers;
                                        emit changed(-1);
                                    },
                                    [this](const adaround::LayerStarted& s) {
                                        running_ = s.layer;
                                        emit changed(s.layer);
                                    },
                                    [this](const adaround::WeightSample& s) { samples_[s.layer].push_back(s); },
                                    [this](const adaround::QuantizedLayer& w) { weights_[w.layer] = w; },
                                    [this](const adaround::LayerFinished& f) {
                                        finished_[f.layer] = f;
                                        running_ = -1;
                                        emit changed(f.layer);
                                    },
                                    [this](const adaround::RunCancelled&) { running_ = -1; },
                                    [this](const adaround::RunFailed&) { running_ = -1; },
                                    [](const auto&) {}},
               e);
}

const adaround::QuantizedLayer* FlipsStore::weights(int layer) const
{
    const auto it = weights_.find(layer);
    return it == weights_.end() ? nullptr : &it->second;
}

const adaround::LayerFinished* FlipsStore::finished(int layer) const
{
    const auto it = finished_.find(layer);
    return it == finished_.end() ? nullptr : &it->second;
}

const std::vector<adaround::WeightSample>& FlipsStore::samples(int layer) const
{
    static const std::vector<adaround::WeightSample> none;
    const auto it = samples_.find(layer);
    return it == samples_.end() ? none : it->second;
}

std::vector<int> FlipsStore::layersWithWeights() const
{
    std::vector<int> out;
    for (const auto& [layer, w] : weights_)
        out.push_back(layer);
    return out;
}
