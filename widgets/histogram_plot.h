#pragma once
// The current layer's h(V) histogram on [0, 1] as bars (share of the layer's
// weights per bin), titled with the layer, iteration and settled share.
#include "adaround/run_events.h"

#include <qcustomplot.h>

class HistogramPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit HistogramPlot(QWidget* parent = nullptr);

    void clearData();
    void setLayerName(int layer, const QString& name);
    void setSnapshot(const adaround::HistogramSnapshot& s);

    QCPBars* bars() const { return bars_; }
    QString title() const;

private:
    QCPBars* bars_;
    QCPTextElement* title_;
    QString layerName_;
    int layer_ = -1;
};
