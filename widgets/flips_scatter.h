#pragma once
// Who flipped, as a scatter: every weight of a layer is a point, x its
// fractional position between its two grid points (W/s - floor(W/s)), y its
// rounding decision (0 down, 1 up, spread a little so the points show as a
// band) or its final h(V) (the trajectory sample only, the log keeps no more),
// coloured by whether it went the way round-to-nearest goes or the other way.
// Points are kept sorted by x so hovering finds a weight in the key range near
// the cursor only (QCPGraph's own search).
#include "adaround/run_events.h"

#include <qcustomplot.h>

#include <cstdint>
#include <vector>

class FlipsScatter : public QCustomPlot {
    Q_OBJECT
public:
    enum class YMode { Decision, FinalH };

    explicit FlipsScatter(QWidget* parent = nullptr);

    // The weights of W in output channel CHANNEL (-1: all). FINAL: the layer's
    // last weight sample (the final h(V) of the sampled weights), needed for FinalH.
    void showLayer(const QString& name, const adaround::QuantizedLayer& w, const adaround::WeightSample* final,
                   int64_t channel, YMode mode);
    void showNothing(const QString& title);

    int64_t sameCount() const { return int64_t(sameIndex_.size()); }
    int64_t otherCount() const { return int64_t(otherIndex_.size()); }
    QCPGraph* sameGraph() const { return same_; }
    QCPGraph* otherGraph() const { return other_; }
    // The weight under pixel POS (its flat index), -1 if none is near.
    int64_t weightAt(const QPointF& pos) const;

signals:
    void weightHovered(qint64 index); // -1: none

protected:
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    QCPTextElement* title_;
    QCPGraph* same_;
    QCPGraph* other_;
    std::vector<int64_t> sameIndex_, otherIndex_; // weight index of each point, in the graphs' (key) order
    int64_t hovered_ = -1;
};
