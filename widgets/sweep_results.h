#pragma once
// What the sweep views plot, taken from a sweep report (the JSON of core's
// sweepReport, sweep_report.h; docs/cli.md "sweep report --json"): the swept
// knobs with their values, AdaRound top-1 against one knob as the report's
// mean ± std over seeds, and the mean top-1 over two knobs. Pure functions, so
// the plots stay thin and the numbers are tested without drawing.
#include "adaround/json.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace sweepresults {

// A swept setting: its values as the points name them, numbers in ascending
// order, anything else ("20:2", "fp32") in the order of the sweep's points.
struct Knob {
    QString key;
    QStringList values;
    bool numeric = false;  // every value reads as a number
    bool logScale = false; // numeric, all positive, spanning a factor of 10 or more
    std::vector<double> numbers; // numeric: the values as numbers, in values' order

    int indexOf(const QString& value) const { return int(values.indexOf(value)); }
    // Where VALUE sits on an axis: the number itself (numeric), else its index.
    double position(const QString& value) const;
};

std::vector<Knob> knobs(const adaround::Json& report);
// An axis title for a swept KEY: "Calibration images · calib_size" from the knob
// table (its unit added unless the label says it); a key it does not name
// (conv2.bits) as it is.
QString axisLabel(const QString& key);
const Knob* findKnob(const std::vector<Knob>& knobs, const QString& key);

// A point's or a group's setting of KEY ("" if it has none).
QString setting(const adaround::Json& pointOrGroup, const QString& key);

// One line of "top-1 against KNOB": the groups whose other settings are equal
// (LABEL names them, "" when KNOB is the only one), by KNOB's position; mean
// and std are the report's over the completed seeds of each group.
struct KnobSeries {
    QString label;
    std::vector<double> x, mean, std;
    std::vector<int> completed; // seeds completed per point of the line
};

// Only groups with at least one completed seed appear.
std::vector<KnobSeries> top1AgainstKnob(const adaround::Json& report, const Knob& knob);

// The mean AdaRound top-1 of the completed points over two knobs: cell
// (ix, iy) at cells[iy * x.values.size() + ix], NaN where nothing completed.
// With only these two knobs swept, a cell is its group's mean over seeds.
struct Grid {
    std::vector<double> cells;
    std::vector<int> counts; // completed points per cell
    int nx = 0, ny = 0;
    double at(int ix, int iy) const { return cells[size_t(iy * nx + ix)]; }
};
Grid top1Grid(const adaround::Json& report, const Knob& x, const Knob& y);

// The number a report field holds, NaN for null or absent.
double number(const adaround::Json& row, const char* field);
// Completed points only.
std::vector<const adaround::Json*> completedPoints(const adaround::Json& report);
// The most seeds any group completed.
int seedsPerGroup(const adaround::Json& report);

} // namespace sweepresults
