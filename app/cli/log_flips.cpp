#include "log_flips.h"

#include "adaround/error.h"
#include "adaround/flip_stats.h"
#include "adaround/json.h"
#include "text_table.h"

#include <algorithm>

namespace cli {
namespace {

constexpr int kDistanceBins = 10; // of |fraction - 0.5| on [0, 0.5]: 0.05 wide

const adaround::LayerFinished* finishedLayer(const adaround::RunRecord& r, int layer)
{
    for (const auto& l : r.layers)
        if (l.layer == layer)
            return &l;
    return nullptr;
}

double share(int64_t part, int64_t whole) { return whole > 0 ? double(part) / double(whole) : 0.0; }

adaround::Json layerFlipsJson(const adaround::QuantizedLayer& w, const adaround::LayerFinished* f)
{
    adaround::Json j = {{"name", w.name},
                        {"index", w.layer},
                        {"bits", w.grid.bits},
                        {"optimised", f ? f->optimised : true},
                        {"kept_rtn", f ? f->keptRtn : false},
                        {"weights", int64_t(w.codes.size())}};
    if (!adaround::hasFlipData(w)) {
        j["flipped"] = nullptr; // the log predates the fractional positions
        return j;
    }
    const adaround::FlipStats s = adaround::flipStats(w, kDistanceBins);
    j["flipped"] = s.flipped;
    j["flipped_up"] = s.flippedUp;
    j["flipped_down"] = s.flippedDown;
    j["flipped_share"] = share(s.flipped, s.weights);
    adaround::Json bins = adaround::Json::array();
    for (const adaround::FlipBin& b : s.byDistance)
        bins.push_back({{"from", b.from}, {"to", b.to}, {"weights", b.weights}, {"flipped", b.flipped},
                        {"share", share(b.flipped, b.weights)}});
    j["by_distance"] = std::move(bins);
    return j;
}

} // namespace

void printFlips(const adaround::RunLog& log, const std::string& layer, bool json, std::ostream& out)
{
    const adaround::RunRecord& r = log.record;
    std::vector<const adaround::QuantizedLayer*> layers;
    for (const adaround::QuantizedLayer& w : r.weights)
        if (layer.empty() || w.name == layer)
            layers.push_back(&w);
    if (!layer.empty() && layers.empty())
        throw adaround::Error(log.info.path + ": no quantized layer named '" + layer + "' in this log");
    const bool stored = std::all_of(layers.begin(), layers.end(), [](auto* w) { return adaround::hasFlipData(*w); });
    const char* predates = "the log predates the weights' fractional positions (written before they were stored): "
                           "no flips to count";
    if (json) {
        adaround::Json doc = {{"path", log.info.path}, {"fractions_stored", stored || layers.empty()}};
        adaround::Json items = adaround::Json::array();
        for (const auto* w : layers)
            items.push_back(layerFlipsJson(*w, finishedLayer(r, w->layer)));
        doc["layers"] = std::move(items);
        if (!stored)
            doc["note"] = predates;
        out << adaround::dumpJson(doc) << std::endl;
        return;
    }
    if (!stored)
        out << predates << "\n";
    TextTable table({"layer", "bits", "weights", "flipped", "up", "down", "flipped %", "% at |f-0.5| < 0.05",
                     "% at >= 0.45"},
                    {false, true, true, true, true, true, true, true, true});
    for (const auto* w : layers) {
        const adaround::LayerFinished* f = finishedLayer(r, w->layer);
        const std::string name = w->name + (f && !f->optimised ? " (RTN only)" : f && f->keptRtn ? " (kept RTN)" : "");
        if (!adaround::hasFlipData(*w)) {
            table.addRow({name, std::to_string(w->grid.bits), std::to_string(w->codes.size()), "-", "-", "-", "-", "-", "-"});
            continue;
        }
        const adaround::FlipStats s = adaround::flipStats(*w, kDistanceBins);
        const auto& near = s.byDistance.front();
        const auto& far = s.byDistance.back();
        table.addRow({name, std::to_string(w->grid.bits), std::to_string(s.weights), std::to_string(s.flipped),
                      std::to_string(s.flippedUp), std::to_string(s.flippedDown),
                      fixed(100 * share(s.flipped, s.weights), 2), fixed(100 * share(near.flipped, near.weights), 2),
                      fixed(100 * share(far.flipped, far.weights), 2)});
    }
    table.print(out);
}

} // namespace cli
