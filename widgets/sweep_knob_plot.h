#pragma once
// A sweep's AdaRound top-1 against one swept knob, mean ± std over seeds (the
// report's, as error bars): one line per combination of the other knobs.
// Numeric knobs sit at their values (log axis when they span a factor of 10),
// others (beta "20:2", "fp32") at evenly spaced named ticks.
#include "adaround/json.h"

#include <qcustomplot.h>

class SweepKnobPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit SweepKnobPlot(QWidget* parent = nullptr);
    // Plots REPORT against KEY; an unknown KEY (or none) leaves the plot empty.
    void setReport(const adaround::Json& report, const QString& key);
    QString titleText() const;
    int lineCount() const { return graphCount(); }
    QCPErrorBars* errorBars(int line) const;

private:
    QCPTextElement* title_;
    QList<QCPErrorBars*> bars_;
};
