#include "sweep_results.h"

#include "adaround/knobs.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace sweepresults {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString text(const adaround::Json& v)
{
    return v.is_string() ? QString::fromStdString(v.get<std::string>()) : QString::fromStdString(v.dump());
}

// The other settings of a group: what a line of "top-1 against KEY" shares.
QString othersLabel(const adaround::Json& settings, const QString& key)
{
    QStringList parts;
    for (const auto& [k, v] : settings.items())
        if (QString::fromStdString(k) != key)
            parts << QStringLiteral("%1=%2").arg(QString::fromStdString(k), text(v));
    return parts.join(QLatin1Char(' '));
}

// REPORT's array KEY by reference (pointers into it stay valid), or an empty one.
const adaround::Json& arrayField(const adaround::Json& report, const char* key)
{
    static const adaround::Json empty = adaround::Json::array();
    const auto it = report.find(key);
    return it != report.end() && it->is_array() ? *it : empty;
}

} // namespace

double Knob::position(const QString& value) const
{
    const int i = indexOf(value);
    if (i < 0)
        return kNaN;
    return numeric ? numbers[size_t(i)] : double(i);
}

QString axisLabel(const QString& key)
{
    if (key == QLatin1String("beta")) // the sweep's START:END pair, not one knob
        return QStringLiteral("β annealed from start to end · beta");
    const adaround::Knob* k = adaround::findKnob(key.toStdString());
    if (!k)
        return key;
    QString label = QString::fromStdString(k->label);
    const QString unit = QString::fromStdString(k->unit);
    if (!unit.isEmpty() && !label.contains(unit, Qt::CaseInsensitive))
        label += QStringLiteral(" (%1)").arg(unit);
    return QStringLiteral("%1 · %2").arg(label, key);
}

std::vector<Knob> knobs(const adaround::Json& report)
{
    std::vector<Knob> out;
    for (const adaround::Json& p : arrayField(report, "points")) {
        const adaround::Json settings = p.value("settings", adaround::Json::object()); // items() needs it alive
        for (const auto& [k, v] : settings.items()) {
            const QString key = QString::fromStdString(k);
            auto it = std::find_if(out.begin(), out.end(), [&](const Knob& knob) { return knob.key == key; });
            if (it == out.end()) {
                out.push_back({key, {}, false, false, {}});
                it = out.end() - 1;
            }
            if (!it->values.contains(text(v)))
                it->values << text(v);
        }
    }
    for (Knob& k : out) {
        std::vector<std::pair<double, QString>> sorted;
        bool numeric = !k.values.isEmpty();
        for (const QString& v : k.values) {
            bool ok = false;
            const double d = v.toDouble(&ok); // C locale: the values are the sweep's own text
            numeric = numeric && ok && std::isfinite(d);
            sorted.emplace_back(d, v);
        }
        if (!numeric)
            continue;
        std::sort(sorted.begin(), sorted.end());
        k.numeric = true;
        k.values.clear();
        for (const auto& [d, v] : sorted) {
            k.values << v;
            k.numbers.push_back(d);
        }
        k.logScale = k.numbers.front() > 0 && k.numbers.back() / k.numbers.front() >= 10;
    }
    return out;
}

const Knob* findKnob(const std::vector<Knob>& knobs, const QString& key)
{
    for (const Knob& k : knobs)
        if (k.key == key)
            return &k;
    return nullptr;
}

QString setting(const adaround::Json& row, const QString& key)
{
    const adaround::Json settings = row.value("settings", adaround::Json::object());
    const auto it = settings.find(key.toStdString());
    return it == settings.end() ? QString() : text(*it);
}

double number(const adaround::Json& row, const char* field)
{
    const auto it = row.find(field);
    return it == row.end() || !it->is_number() ? kNaN : it->get<double>();
}

std::vector<const adaround::Json*> completedPoints(const adaround::Json& report)
{
    std::vector<const adaround::Json*> out;
    for (const adaround::Json& p : arrayField(report, "points"))
        if (p.value("status", "") == "completed" && std::isfinite(number(p, "top1")))
            out.push_back(&p);
    return out;
}

int seedsPerGroup(const adaround::Json& report)
{
    int most = 0;
    for (const adaround::Json& g : arrayField(report, "groups"))
        most = std::max(most, g.value("completed", 0));
    return most;
}

std::vector<KnobSeries> top1AgainstKnob(const adaround::Json& report, const Knob& knob)
{
    std::map<QString, std::vector<std::pair<double, const adaround::Json*>>> lines; // label -> (x, group)
    std::vector<QString> order;
    for (const adaround::Json& g : arrayField(report, "groups")) {
        if (g.value("completed", 0) < 1 || !g["top1"].is_object())
            continue;
        const double x = knob.position(setting(g, knob.key));
        if (!std::isfinite(x))
            continue;
        const QString label = othersLabel(g["settings"], knob.key);
        if (!lines.count(label))
            order.push_back(label);
        lines[label].emplace_back(x, &g);
    }
    std::vector<KnobSeries> out;
    for (const QString& label : order) {
        auto& members = lines[label];
        std::stable_sort(members.begin(), members.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        KnobSeries s{label, {}, {}, {}, {}};
        for (const auto& [x, g] : members) {
            s.x.push_back(x);
            s.mean.push_back((*g)["top1"]["mean"].get<double>());
            s.std.push_back((*g)["top1"]["std"].get<double>());
            s.completed.push_back(g->value("completed", 0));
        }
        out.push_back(std::move(s));
    }
    return out;
}

Grid top1Grid(const adaround::Json& report, const Knob& x, const Knob& y)
{
    Grid grid;
    grid.nx = int(x.values.size());
    grid.ny = int(y.values.size());
    std::vector<double> sums(size_t(grid.nx * grid.ny), 0.0);
    grid.counts.assign(sums.size(), 0);
    for (const adaround::Json* p : completedPoints(report)) {
        const int ix = x.indexOf(setting(*p, x.key)), iy = y.indexOf(setting(*p, y.key));
        if (ix < 0 || iy < 0)
            continue;
        sums[size_t(iy * grid.nx + ix)] += number(*p, "top1");
        ++grid.counts[size_t(iy * grid.nx + ix)];
    }
    grid.cells.resize(sums.size());
    for (size_t i = 0; i < sums.size(); ++i)
        grid.cells[i] = grid.counts[i] > 0 ? sums[i] / grid.counts[i] : kNaN;
    return grid;
}

} // namespace sweepresults
