#include "adaround/precision_plan.h"

#include "adaround/error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace adaround {
namespace {

struct Point {
    int64_t size = 0;
    double drop = 0, mse = 0;
    int bits = 0;        // this layer's choice
    size_t parent = 0;   // index in the previous layer's front
};

bool cheaper(const Point& a, const Point& b)
{
    return a.drop < b.drop || (a.drop == b.drop && a.mse < b.mse);
}

// The points no other point beats on both size and cost, by ascending size.
std::vector<Point> paretoFront(std::vector<Point> points)
{
    std::sort(points.begin(), points.end(), [](const Point& a, const Point& b) {
        return a.size < b.size || (a.size == b.size && cheaper(a, b));
    });
    std::vector<Point> front;
    for (const Point& p : points)
        if (front.empty() || cheaper(p, front.back()))
            front.push_back(p);
    return front;
}

// Keeps the cheapest point in each of kMaxFront equal slices of the size range.
std::vector<Point> thinned(const std::vector<Point>& front)
{
    if (front.size() <= kMaxFront)
        return front;
    const double lo = double(front.front().size), span = double(front.back().size) - lo + 1;
    std::vector<Point> out;
    int64_t lastSlice = -1;
    for (const Point& p : front) {
        const int64_t slice = int64_t((double(p.size) - lo) / span * double(kMaxFront));
        if (slice != lastSlice)
            out.push_back(p);
        else if (cheaper(p, out.back()))
            out.back() = p;
        lastSlice = slice;
    }
    return paretoFront(out);
}

std::string kilobytes(int64_t bits)
{
    const double kb = double(bits) / 8.0 / 1024.0;
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", kb);
    return text;
}

} // namespace

double PrecisionPlan::averageBits() const
{
    return weights ? double(sizeBits) / double(weights) : 0.0;
}

int64_t budgetForAverageBits(const std::vector<PlanLayer>& layers, double averageBits)
{
    if (!(averageBits > 0) || !std::isfinite(averageBits))
        throw Error("the average bits per weight must be a positive number");
    int64_t weights = 0;
    for (const PlanLayer& l : layers)
        weights += l.weights;
    return int64_t(std::floor(averageBits * double(weights) + 1e-6));
}

int64_t budgetForKilobytes(double kilobytes)
{
    if (!(kilobytes > 0) || !std::isfinite(kilobytes))
        throw Error("the size budget must be a positive number of kilobytes");
    return int64_t(std::floor(kilobytes * 1024.0 * 8.0 + 1e-6));
}

PrecisionPlan planPrecision(const std::vector<PlanLayer>& layers, int64_t budgetBits)
{
    if (layers.empty())
        throw Error("no layer to plan");
    // fronts[k]: the front after choosing layers 0..k.
    std::vector<std::vector<Point>> fronts;
    std::vector<Point> previous{Point{}};
    int64_t smallest = 0;
    for (const PlanLayer& layer : layers) {
        if (layer.options.empty())
            throw Error("layer " + layer.name + " has no bit-width to choose from");
        smallest += layer.weights * layer.options.begin()->first;
    }
    if (smallest > budgetBits)
        throw Error("the budget of " + kilobytes(budgetBits) + " KB is below the smallest plan, every layer at its "
                    "fewest bits: " + kilobytes(smallest) + " KB");
    for (const PlanLayer& layer : layers) {
        std::vector<Point> next;
        next.reserve(previous.size() * layer.options.size());
        for (size_t p = 0; p < previous.size(); ++p)
            for (const auto& [bits, option] : layer.options) {
                Point q;
                q.size = previous[p].size + layer.weights * bits;
                q.drop = previous[p].drop + std::max(0.0, option.drop);
                q.mse = previous[p].mse + std::max(0.0, option.mse);
                q.bits = bits;
                q.parent = p;
                if (q.size <= budgetBits) // over the budget now: over it at the end
                    next.push_back(q);
            }
        previous = thinned(paretoFront(std::move(next)));
        fronts.push_back(previous);
    }
    // The front is sorted by size with strictly falling cost: the last point is the cheapest.
    size_t at = fronts.back().size() - 1;
    PrecisionPlan plan;
    plan.sizeBits = fronts.back()[at].size;
    plan.predictedDrop = fronts.back()[at].drop;
    plan.bits.resize(layers.size());
    for (size_t k = layers.size(); k-- > 0;) {
        const Point& p = fronts[k][at];
        plan.bits[k] = p.bits;
        at = p.parent;
    }
    for (const PlanLayer& l : layers)
        plan.weights += l.weights;
    return plan;
}

} // namespace adaround
