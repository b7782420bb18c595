#pragma once
// Parallel coordinates of a sweep on QCustomPlot: one vertical axis per swept
// knob and one for AdaRound top-1, one polyline per completed point across
// them, coloured by its top-1 (the colour scale beside). Each axis is drawn
// by hand: its values written beside it, numbers at their place (log spacing
// when they span a factor of 10), other values evenly spaced.
#include "adaround/json.h"

#include <qcustomplot.h>

class SweepParallelPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit SweepParallelPlot(QWidget* parent = nullptr);
    void setReport(const adaround::Json& report);
    QString titleText() const;
    QStringList axisNames() const { return axes_; }
    int lineCount() const { return graphCount(); }
    // A polyline's point (its report index) and its heights, 0..1 on each axis.
    int linePoint(int line) const { return points_.value(line, -1); }
    QVector<double> lineHeights(int line) const;

signals:
    void pointClicked(int point); // a polyline was clicked: its point's index

private:
    void clearAxes();
    void drawAxis(int i, const QString& name, const QStringList& labels, const QVector<double>& heights);

    QCPTextElement* title_;
    QCPColorScale* scale_;
    QStringList axes_;
    QList<int> points_;
};
