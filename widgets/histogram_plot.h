#pragma once
// The current layer's h(V) histogram on [0, 1] as bars (share of the layer's
// weights per bin), titled with the layer, iteration and settled share.
// Hover reads a bin, the wheel zooms h(V), the share axis can be logarithmic.
#include "adaround/run_events.h"

#include <qcustomplot.h>

class HistogramPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit HistogramPlot(QWidget* parent = nullptr);

    void clearData();
    void setLayerName(int layer, const QString& name);
    void setSnapshot(const adaround::HistogramSnapshot& s);
    // A layer with no h(V) to show (rounded to nearest only).
    void showNoHistogram(int layer, const QString& name);
    static QString logAxisToggle();

    QCPBars* bars() const { return bars_; }
    QString title() const;

private:
    QCPBars* bars_;
    QCPTextElement* title_;
    QString layerName_;
    int layer_ = -1;
    double top_ = 0; // the largest share shown
    bool log_ = false;
    void fitShareAxis();
};
