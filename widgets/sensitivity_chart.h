#pragma once
// Per-layer sensitivity as bars: each layer's top-1 drop when it alone is
// rounded to nearest at B bits (the others in FP32), one bar set per
// bit-width, from a sensitivity analysis (core's SensitivityReport). The
// layers that cannot take few bits stand out; the layer table's Sensitivity
// column shows the fewest bits' drops beside each layer's bits.
#include "adaround/sensitivity.h"

#include <qcustomplot.h>

class SensitivityChart : public QCustomPlot {
    Q_OBJECT
public:
    explicit SensitivityChart(QWidget* parent = nullptr);
    void setReport(const adaround::SensitivityReport& report);
    QString titleText() const;
    QList<int> bitWidths() const { return bars_.keys(); }
    QCPBars* bars(int bits) const { return bars_.value(bits); }

private:
    QCPTextElement* title_;
    QCPBarsGroup* group_;
    QMap<int, QCPBars*> bars_;
};
