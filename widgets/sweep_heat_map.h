#pragma once
// A sweep's mean AdaRound top-1 over two swept knobs: one cell per pair of
// values (mean over the completed points there, i.e. over seeds when only
// these two knobs vary), its value written in it, a colour scale beside.
#include "adaround/json.h"

#include <qcustomplot.h>

class SweepHeatMap : public QCustomPlot {
    Q_OBJECT
public:
    explicit SweepHeatMap(QWidget* parent = nullptr);
    // Plots REPORT over X_KEY (columns) and Y_KEY (rows); keys that are not
    // swept, or the same key twice, leave it empty with a title saying why.
    void setReport(const adaround::Json& report, const QString& xKey, const QString& yKey);
    QString titleText() const;
    QCPColorMap* map() const { return map_; }
    QCPColorScale* colorScale() const { return scale_; }
    // The text written in cell (IX, IY): its top-1, "" where nothing completed.
    QString cellText(int ix, int iy) const;

private:
    void clearCells();

    QCPTextElement* title_;
    QCPColorMap* map_;
    QCPColorScale* scale_;
    QList<QCPItemText*> labels_;
    int nx_ = 0;
};
